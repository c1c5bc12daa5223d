import { Injectable } from '@nestjs/common';
import { Brackets, In } from 'typeorm';
import {
  type BidAccessScope,
  type Principal,
  type Role,
  type RoleGrant,
  LEFT_MEMBER_STATUSES,
  principalOf,
  required,
} from '@cordage/domain';
import {
  BidEntity,
  JobRequestEntity,
  MemberEntity,
  NetworkEntity,
  RoleAssignmentEntity,
  SessionEntity,
  UserEntity,
} from '../entities';
import { preparedQuery } from '../prepared-query';
import { type Db, InjectDb } from '../unit-of-work';

/** Who holds an open session, and the bid a route names as the access policy reads it. */
export interface SessionAccess {
  session: SessionEntity;
  principal: Principal;
  /** The bid asked for; null when none was asked or it does not exist. */
  bid: BidAccessScope | null;
  /**
   * The bid's revision, read with its scope (`BidViewCache`: the bid's read served from memory
   * when it was kept at this revision); null when no bid, or a bid not yet under one.
   */
  bidRevision: string | null;
}

/**
 * The session (open: not revoked, not expired), its user, the user's grants and, when a bid is
 * named, the bid's network, transparency and members: what every request's access check reads,
 * in one round trip. Read on every request, never cached, so that signing out takes effect at
 * once in every api process.
 */
const SESSION_ACCESS_SQL = `
  SELECT s.id, s.token_hash, s.user_id, s.csrf_token, s.ip, s.user_agent,
         s.created_at, s.expires_at, s.revoked_at, u.email, u.platform_admin,
         coalesce((SELECT json_agg(json_build_object(
                     'role', r.role, 'networkId', r.network_id,
                     'organisationId', r.organisation_id, 'bidId', r.bid_id))
                     FROM role_assignments r WHERE r.user_id = s.user_id), '[]') AS grants,
         (SELECT json_build_object(
                   'networkId', b.network_id, 'transparency', b.transparency,
                   'members', coalesce((SELECT json_agg(json_build_array(m.id, m.organisation_id))
                                          FROM members m WHERE m.bid_id = b.id), '[]'),
                   'subcontractors', coalesce((SELECT json_agg(m.id) FROM members m
                                                WHERE m.bid_id = b.id AND m.role = 'SOUS_TRAITANT'), '[]'),
                   'departed', coalesce((SELECT json_agg(m.id) FROM members m
                                          WHERE m.bid_id = b.id AND m.status = ANY($3::text[])), '[]'),
                   'revision', (SELECT r.revision::text FROM bid_revisions r WHERE r.bid_id = b.id))
            FROM bids b WHERE b.id = $2::uuid) AS bid
    FROM sessions s
    JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`;

interface SessionAccessRow {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  email: string;
  platform_admin: boolean;
  grants: RoleGrant[];
  bid: {
    networkId: string;
    transparency: BidAccessScope['transparency'];
    members: [string, string][];
    subcontractors: string[];
    departed: string[];
    revision: string | null;
  } | null;
}

export interface RoleScope {
  networkId?: string;
  organisationId?: string;
  bidId?: string;
}

/** Users, their role grants, and the scopes the access policy reads. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.db.tx.findOneBy(UserEntity, { email: email.trim().toLowerCase() });
  }

  /** The user with this address, created if new. */
  async ensureUser(
    email: string,
    displayName: string,
    options: { platformAdmin?: boolean } = {},
  ): Promise<UserEntity> {
    const normalised = email.trim().toLowerCase();
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ email: normalised, displayName, platformAdmin: options.platformAdmin ?? false })
      .orIgnore()
      .execute();
    return this.db.tx.findOneByOrFail(UserEntity, { email: normalised });
  }

  /** Grants a role (idempotent). */
  async grant(userId: string, role: Role, scope: RoleScope): Promise<void> {
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(RoleAssignmentEntity)
      .values({
        userId,
        role,
        networkId: scope.networkId ?? null,
        organisationId: scope.organisationId ?? null,
        bidId: scope.bidId ?? null,
      })
      .orIgnore()
      .execute();
  }

  async principal(userId: string): Promise<Principal | null> {
    const user = await this.db.tx.findOneBy(UserEntity, { id: userId });
    if (!user) return null;
    const grants: RoleGrant[] = await this.db.tx.find(RoleAssignmentEntity, {
      where: { userId },
      select: { role: true, networkId: true, organisationId: true, bidId: true },
    });
    return principalOf(user, grants);
  }

  /** The open session of this token hash, and the bid `bidId` names if any: one query. */
  async sessionAccess(tokenHash: string, bidId: string | null): Promise<SessionAccess | null> {
    const [row] = await preparedQuery<SessionAccessRow>(this.db.tx, SESSION_ACCESS_SQL, [
      tokenHash,
      bidId,
      LEFT_MEMBER_STATUSES,
    ]);
    if (!row) return null;
    const session = Object.assign(new SessionEntity(), {
      id: row.id,
      tokenHash: row.token_hash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      ip: row.ip,
      userAgent: row.user_agent,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    });
    const user = { id: row.user_id, email: row.email, platformAdmin: row.platform_admin };
    return {
      session,
      principal: principalOf(user, row.grants),
      bid: row.bid && {
        bidId: required(bidId, 'the bid asked for'),
        networkId: row.bid.networkId,
        transparency: row.bid.transparency,
        members: new Map(row.bid.members),
        subcontractors: new Set(row.bid.subcontractors),
        departed: new Set(row.bid.departed),
      },
      bidRevision: row.bid?.revision ?? null,
    };
  }

  /** The bid's scope alone (the guard reads it with the session: sessionAccess). */
  async bidScope(bidId: string): Promise<BidAccessScope | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, networkId: true, transparency: true },
    });
    if (!bid) return null;
    const members = await this.db.tx.find(MemberEntity, {
      where: { bidId },
      select: { id: true, organisationId: true, role: true, status: true },
    });
    return {
      bidId: bid.id,
      networkId: bid.networkId,
      transparency: bid.transparency,
      members: new Map(members.map((member) => [member.id, member.organisationId])),
      subcontractors: new Set(
        members.filter((member) => member.role === 'SOUS_TRAITANT').map((member) => member.id),
      ),
      departed: new Set(
        members
          .filter((member) => LEFT_MEMBER_STATUSES.includes(member.status))
          .map((member) => member.id),
      ),
    };
  }

  /**
   * Who may follow a job: the user who asked and the coordinators of the network it works for.
   * Jobs are requested work; their request rows carry the same id.
   */
  async jobOwner(jobId: string): Promise<{ requestedBy: string | null; networkId: string } | null> {
    return this.db.tx.findOne(JobRequestEntity, {
      where: { id: jobId },
      select: { requestedBy: true, networkId: true },
    });
  }

  /** The names of these networks, for people to tell them apart. */
  async networks(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db.tx.find(NetworkEntity, {
      where: { id: In([...ids]) },
      select: { id: true, name: true },
      order: { name: 'ASC' },
    });
  }

  /** The network of this name, created if there is none. */
  async ensureNetwork(name: string): Promise<string> {
    const existing = await this.db.tx.findOne(NetworkEntity, {
      where: { name },
      select: { id: true },
      order: { createdAt: 'ASC' },
    });
    if (existing) return existing.id;
    const { identifiers } = await this.db.tx.insert(NetworkEntity, { name });
    return String(identifiers[0]?.id);
  }

  /** Ids of the bids a principal may see, newest first. */
  async visibleBidIds(principal: Principal): Promise<string[]> {
    const query = this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      // Being someone's subcontractor does not make the bid one's own.
      .leftJoin(MemberEntity, 'member', "member.bidId = bid.id AND member.role = 'COTRAITANT'")
      .select('bid.id', 'id')
      .addSelect('bid.createdAt', 'createdAt')
      .distinct(true)
      .orderBy('bid.createdAt', 'DESC');
    if (!principal.platformAdmin) {
      query.where(
        new Brackets((visible) =>
          visible
            .where('bid.networkId = ANY(:networkIds::uuid[])', {
              networkIds: [...principal.coordinatorOf, ...principal.viewerOfNetworks],
            })
            .orWhere('bid.id = ANY(:bidIds::uuid[])', { bidIds: [...principal.viewerOfBids] })
            .orWhere('member.organisationId = ANY(:organisationIds::uuid[])', {
              organisationIds: [...principal.editorOf, ...principal.signatoryOf],
            }),
        ),
      );
    }
    const rows = await query.getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}

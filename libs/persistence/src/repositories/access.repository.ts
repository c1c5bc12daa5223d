import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type BidAccessScope,
  type Principal,
  type Role,
  type RoleGrant,
  principalOf,
} from '@cordage/domain';
import {
  BidEntity,
  JobRequestEntity,
  MemberEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '../entities';

export interface RoleScope {
  networkId?: string;
  organisationId?: string;
  bidId?: string;
}

/** Users, their role grants, and the scopes the access policy reads. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { email: email.trim().toLowerCase() });
  }

  /** The user with this address, created if new. */
  async ensureUser(
    manager: EntityManager,
    email: string,
    displayName: string,
    options: { platformAdmin?: boolean } = {},
  ): Promise<UserEntity> {
    const normalised = email.trim().toLowerCase();
    await manager.query(
      `INSERT INTO users (email, display_name, platform_admin) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT users_email_key DO NOTHING`,
      [normalised, displayName, options.platformAdmin ?? false],
    );
    return manager.findOneByOrFail(UserEntity, { email: normalised });
  }

  /** Grants a role (idempotent). */
  async grant(manager: EntityManager, userId: string, role: Role, scope: RoleScope): Promise<void> {
    await manager.query(
      `INSERT INTO role_assignments (user_id, role, network_id, organisation_id, bid_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [userId, role, scope.networkId ?? null, scope.organisationId ?? null, scope.bidId ?? null],
    );
  }

  async principal(userId: string): Promise<Principal | null> {
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: userId });
    if (!user) return null;
    const grants: RoleGrant[] = await this.dataSource.manager.find(RoleAssignmentEntity, {
      where: { userId },
      select: { role: true, networkId: true, organisationId: true, bidId: true },
    });
    return principalOf(user, grants);
  }

  async bidScope(bidId: string): Promise<BidAccessScope | null> {
    const bid = await this.dataSource.manager.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, networkId: true, transparency: true },
    });
    if (!bid) return null;
    const members = await this.dataSource.manager.find(MemberEntity, {
      where: { bidId },
      select: { id: true, organisationId: true },
    });
    return {
      bidId: bid.id,
      networkId: bid.networkId,
      transparency: bid.transparency,
      members: new Map(members.map((member) => [member.id, member.organisationId])),
    };
  }

  /**
   * Who may follow a job: the user who asked and the coordinators of the network it works for.
   * Jobs are requested work; their request rows carry the same id.
   */
  async jobOwner(jobId: string): Promise<{ requestedBy: string | null; networkId: string } | null> {
    return this.dataSource.manager.findOne(JobRequestEntity, {
      where: { id: jobId },
      select: { requestedBy: true, networkId: true },
    });
  }

  /** The network of this name, created if there is none. */
  /** The names of these networks, for people to tell them apart. */
  async networks(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      'SELECT id, name FROM networks WHERE id = ANY($1::uuid[]) ORDER BY name',
      [ids],
    );
  }

  async ensureNetwork(name: string): Promise<string> {
    const [existing] = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM networks WHERE name = $1 ORDER BY created_at LIMIT 1',
      [name],
    );
    if (existing) return existing.id;
    const [created] = await this.dataSource.query<{ id: string }[]>(
      'INSERT INTO networks (name) VALUES ($1) RETURNING id',
      [name],
    );
    return created.id;
  }

  /** Ids of the bids a principal may see, newest first. */
  async visibleBidIds(principal: Principal): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT b.id, b.created_at FROM bids b
       LEFT JOIN members m ON m.bid_id = b.id
       WHERE $1::boolean
          OR b.network_id = ANY($2::uuid[])
          OR b.id = ANY($3::uuid[])
          OR m.organisation_id = ANY($4::uuid[])
       ORDER BY b.created_at DESC`,
      [
        principal.platformAdmin,
        [...principal.coordinatorOf, ...principal.viewerOfNetworks],
        [...principal.viewerOfBids],
        [...principal.editorOf, ...principal.signatoryOf],
      ],
    );
    return rows.map((row) => row.id);
  }
}

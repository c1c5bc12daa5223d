import { Injectable } from '@nestjs/common';
import { Brackets, In } from 'typeorm';
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
  NetworkEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

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

  async bidScope(bidId: string): Promise<BidAccessScope | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, networkId: true, transparency: true },
    });
    if (!bid) return null;
    const members = await this.db.tx.find(MemberEntity, {
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
      .leftJoin(MemberEntity, 'member', 'member.bidId = bid.id')
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

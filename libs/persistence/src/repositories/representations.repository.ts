import { Injectable } from '@nestjs/common';
import { Brackets, In, type SelectQueryBuilder } from 'typeorm';
import {
  type Principal,
  REPRESENTATION_ROLES,
  type RepresentationDecider,
  type RepresentationRole,
  type RepresentationStatus,
} from '@cordage/domain';
import { RepresentationRequestEntity, RoleAssignmentEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** A request as people read it: who asks, for which organisation, from which bid and network. */
export interface RepresentationRequestView {
  id: string;
  organisation: { id: string; legalName: string };
  requester: { id: string; email: string };
  roles: RepresentationRole[];
  bid: { id: string; reference: string; title: string; network: string } | null;
  requestedBy: string | null;
  status: RepresentationStatus;
  decidedAs: RepresentationDecider | null;
  createdAt: Date;
  decidedAt: Date | null;
}

function toView(request: RepresentationRequestEntity): RepresentationRequestView {
  const { bid } = request;
  return {
    id: request.id,
    organisation: { id: request.organisation.id, legalName: request.organisation.legalName },
    requester: { id: request.user.id, email: request.user.email },
    roles: request.roles,
    bid: bid && {
      id: bid.id,
      reference: bid.tender.reference,
      title: bid.tender.title,
      network: bid.network.name,
    },
    requestedBy: request.requester?.email ?? null,
    status: request.status,
    decidedAs: request.decidedAs,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
  };
}

/**
 * Requests to represent an organisation: written by invitations, decided by the organisation's
 * people or an admin. Roles reach role_assignments only on confirmation.
 */
@Injectable()
export class RepresentationsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The editor and signatory grants of an organisation: who represents it, in which role. */
  async representatives(
    organisationId: string,
  ): Promise<{ userId: string; role: RepresentationRole }[]> {
    const grants = await this.db.tx.find(RoleAssignmentEntity, {
      where: { organisationId, role: In(REPRESENTATION_ROLES) },
      select: { id: true, userId: true, role: true },
    });
    return grants.map((grant) => ({
      userId: grant.userId,
      role: grant.role as RepresentationRole,
    }));
  }

  /** Whether the organisation is in the directory of a network other than `networkId`. */
  async inOtherNetworks(organisationId: string, networkId: string): Promise<boolean> {
    const rows = await this.db.tx.query<unknown[]>(
      `SELECT 1 FROM network_organisations WHERE organisation_id = $1 AND network_id <> $2
       LIMIT 1`,
      [organisationId, networkId],
    );
    return rows.length > 0;
  }

  /** The pending request of this person for this organisation, its row held until commit. */
  async lockPending(
    organisationId: string,
    userId: string,
  ): Promise<RepresentationRequestEntity | null> {
    return this.db.tx
      .createQueryBuilder(RepresentationRequestEntity, 'request')
      .where({ organisationId, userId, status: 'PENDING' })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(request: {
    organisationId: string;
    userId: string;
    roles: RepresentationRole[];
    bidId: string;
    requestedBy: string | null;
  }): Promise<string> {
    const { identifiers } = await this.db.tx.insert(RepresentationRequestEntity, request);
    return String(identifiers[0]?.id);
  }

  async setRoles(id: string, roles: RepresentationRole[]): Promise<void> {
    await this.db.tx.update(RepresentationRequestEntity, { id }, { roles });
  }

  /** Whether this person still waits for the organisation's confirmation. */
  async isPending(organisationId: string, userId: string): Promise<boolean> {
    return this.db.tx.existsBy(RepresentationRequestEntity, {
      organisationId,
      userId,
      status: 'PENDING',
    });
  }

  /** The emails of the people who represent an organisation now: they are asked to decide. */
  async representativeEmails(organisationId: string): Promise<string[]> {
    const grants = await this.db.tx.find(RoleAssignmentEntity, {
      where: { organisationId, role: In(REPRESENTATION_ROLES) },
      relations: { user: true },
      select: { id: true, user: { id: true, email: true } },
    });
    return [...new Set(grants.map((grant) => grant.user.email))].sort();
  }

  /** What the access guard needs to decide about a request, or null if there is none. */
  async scope(id: string): Promise<{ organisationId: string; userId: string } | null> {
    const request = await this.db.tx.findOne(RepresentationRequestEntity, {
      where: { id },
      select: { id: true, organisationId: true, userId: true },
    });
    return request && { organisationId: request.organisationId, userId: request.userId };
  }

  /** The request, its row held until commit; null when there is none. */
  async lock(id: string): Promise<RepresentationRequestEntity | null> {
    return this.db.tx
      .createQueryBuilder(RepresentationRequestEntity, 'request')
      .where({ id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async markDecided(
    id: string,
    decision: {
      status: 'CONFIRMED' | 'REFUSED';
      decidedBy: string;
      decidedAs: RepresentationDecider;
    },
  ): Promise<void> {
    await this.db.tx.update(
      RepresentationRequestEntity,
      { id },
      { ...decision, decidedAt: () => 'now()' },
    );
  }

  async view(id: string): Promise<RepresentationRequestView> {
    return toView(await this.views().where('request.id = :id', { id }).getOneOrFail());
  }

  /**
   * What a person sees: the pending requests they may decide (for the organisations they
   * represent; every one for an admin), and their own requests.
   */
  async listFor(principal: Principal): Promise<{
    toDecide: RepresentationRequestView[];
    mine: RepresentationRequestView[];
  }> {
    const toDecide = this.views()
      .where({ status: 'PENDING' })
      .andWhere('request.userId <> :userId', { userId: principal.userId })
      .orderBy('request.createdAt', 'ASC');
    if (!principal.platformAdmin) {
      toDecide.andWhere(
        new Brackets((represented) =>
          represented.where('request.organisationId = ANY(:organisationIds::uuid[])', {
            organisationIds: [...principal.editorOf, ...principal.signatoryOf],
          }),
        ),
      );
    }
    const mine = this.views()
      .where('request.userId = :userId', { userId: principal.userId })
      .orderBy('request.createdAt', 'DESC')
      .take(100);
    return {
      toDecide: (await toDecide.getMany()).map(toView),
      mine: (await mine.getMany()).map(toView),
    };
  }

  private views(): SelectQueryBuilder<RepresentationRequestEntity> {
    return this.db.tx
      .createQueryBuilder(RepresentationRequestEntity, 'request')
      .innerJoinAndSelect('request.organisation', 'organisation')
      .innerJoinAndSelect('request.user', 'user')
      .leftJoinAndSelect('request.requester', 'requester')
      .leftJoinAndSelect('request.bid', 'bid')
      .leftJoinAndSelect('bid.tender', 'tender')
      .leftJoinAndSelect('bid.network', 'network');
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type Principal,
  type RepresentationDecider,
  type RepresentationRole,
  type RepresentationStatus,
  assertRepresentationPending,
  decideRepresentation,
  deciderCapacity,
} from '@cordage/domain';
import { RepresentationRequestEntity } from '../entities';
import { AccessRepository } from './access.repository';
import { AuditLogRepository } from './audit-log.repository';

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

interface RequestRow {
  id: string;
  organisation_id: string;
  legal_name: string;
  user_id: string;
  user_email: string;
  roles: RepresentationRole[];
  bid_id: string | null;
  reference: string | null;
  title: string | null;
  network: string | null;
  requested_by_email: string | null;
  status: RepresentationStatus;
  decided_as: RepresentationDecider | null;
  created_at: Date;
  decided_at: Date | null;
}

const SELECT_VIEW = `
  SELECT r.id, r.organisation_id, o.legal_name, r.user_id, u.email AS user_email, r.roles,
         r.bid_id, t.reference, t.title, n.name AS network, q.email AS requested_by_email,
         r.status, r.decided_as, r.created_at, r.decided_at
  FROM representation_requests r
  JOIN organisations o ON o.id = r.organisation_id
  JOIN users u ON u.id = r.user_id
  LEFT JOIN users q ON q.id = r.requested_by
  LEFT JOIN bids b ON b.id = r.bid_id
  LEFT JOIN tenders t ON t.id = b.tender_id
  LEFT JOIN networks n ON n.id = b.network_id`;

function toView(row: RequestRow): RepresentationRequestView {
  return {
    id: row.id,
    organisation: { id: row.organisation_id, legalName: row.legal_name },
    requester: { id: row.user_id, email: row.user_email },
    roles: row.roles,
    bid:
      row.bid_id === null
        ? null
        : {
            id: row.bid_id,
            reference: row.reference ?? '',
            title: row.title ?? '',
            network: row.network ?? '',
          },
    requestedBy: row.requested_by_email,
    status: row.status,
    decidedAs: row.decided_as,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

/**
 * Requests to represent an organisation: written by invitations, decided by the organisation's
 * people or an admin. Roles reach role_assignments only on confirmation; everything is audited.
 */
@Injectable()
export class RepresentationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  /** The roles a user holds for an organisation, and how many people represent it. */
  async standing(
    manager: EntityManager,
    organisationId: string,
    userId: string,
  ): Promise<{ held: RepresentationRole[]; representatives: number }> {
    const rows = await manager.query<{ user_id: string; role: RepresentationRole }[]>(
      `SELECT user_id, role FROM role_assignments
       WHERE organisation_id = $1 AND role IN ('EDITOR', 'SIGNATORY')`,
      [organisationId],
    );
    return {
      held: rows.filter((row) => row.user_id === userId).map((row) => row.role),
      representatives: new Set(rows.map((row) => row.user_id)).size,
    };
  }

  /**
   * Records the request (or adds the roles to the one already pending for this person and
   * organisation). Returns its id.
   */
  async ask(
    manager: EntityManager,
    request: {
      organisationId: string;
      userId: string;
      roles: RepresentationRole[];
      bidId: string;
      actor: Actor;
    },
  ): Promise<string> {
    const [row] = await manager.query<{ id: string; roles: RepresentationRole[] }[]>(
      `INSERT INTO representation_requests (organisation_id, user_id, roles, bid_id, requested_by)
       VALUES ($1, $2, $3::varchar[], $4, $5)
       ON CONFLICT (organisation_id, user_id) WHERE status = 'PENDING'
       DO UPDATE SET roles = ARRAY(
         SELECT DISTINCT unnest(representation_requests.roles || EXCLUDED.roles) ORDER BY 1)
       RETURNING id, roles`,
      [request.organisationId, request.userId, request.roles, request.bidId, request.actor.userId],
    );
    await this.audit.appendWith(manager, request.actor, {
      action: 'representation.requested',
      entityType: 'representation_request',
      entityId: row.id,
      bidId: request.bidId,
      after: { organisationId: request.organisationId, userId: request.userId, roles: row.roles },
    });
    return row.id;
  }

  /** Whether this person still waits for the organisation's confirmation. */
  async isPending(organisationId: string, userId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(RepresentationRequestEntity, {
      organisationId,
      userId,
      status: 'PENDING',
    });
  }

  /** The emails of the people who represent an organisation now: they are asked to decide. */
  async representativeEmails(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ email: string }[]>(
      `SELECT DISTINCT u.email FROM role_assignments a JOIN users u ON u.id = a.user_id
       WHERE a.organisation_id = $1 AND a.role IN ('EDITOR', 'SIGNATORY') ORDER BY u.email`,
      [organisationId],
    );
    return rows.map((row) => row.email);
  }

  /** What the access guard needs to decide about a request, or null if there is none. */
  async scope(id: string): Promise<{ organisationId: string; userId: string } | null> {
    const request = await this.dataSource.manager.findOne(RepresentationRequestEntity, {
      where: { id },
      select: { id: true, organisationId: true, userId: true },
    });
    return request && { organisationId: request.organisationId, userId: request.userId };
  }

  async view(id: string): Promise<RepresentationRequestView> {
    const [row] = await this.dataSource.query<RequestRow[]>(`${SELECT_VIEW} WHERE r.id = $1`, [id]);
    return toView(row);
  }

  /**
   * What a person sees: the pending requests they may decide (for the organisations they
   * represent; every one for an admin), and their own requests.
   */
  async listFor(principal: Principal): Promise<{
    toDecide: RepresentationRequestView[];
    mine: RepresentationRequestView[];
  }> {
    const toDecide = await this.dataSource.query<RequestRow[]>(
      `${SELECT_VIEW}
       WHERE r.status = 'PENDING' AND r.user_id <> $1
         AND ($2::boolean OR r.organisation_id = ANY($3::uuid[]))
       ORDER BY r.created_at`,
      [
        principal.userId,
        principal.platformAdmin,
        [...principal.editorOf, ...principal.signatoryOf],
      ],
    );
    const mine = await this.dataSource.query<RequestRow[]>(
      `${SELECT_VIEW} WHERE r.user_id = $1 ORDER BY r.created_at DESC LIMIT 100`,
      [principal.userId],
    );
    return { toDecide: toDecide.map(toView), mine: mine.map(toView) };
  }

  /**
   * Confirms (the roles are granted) or refuses (nothing is) a pending request, once. The rule is
   * asked again under the row's lock: the guard's answer may be stale by now.
   */
  async decide(
    id: string,
    decision: 'CONFIRMED' | 'REFUSED',
    principal: Principal,
    actor: Actor,
  ): Promise<RepresentationRequestView> {
    await this.dataSource.transaction(async (manager) => {
      const request = await manager
        .createQueryBuilder(RepresentationRequestEntity, 'request')
        .setLock('pessimistic_write')
        .where('request.id = :id', { id })
        .getOne();
      if (!request) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Demande introuvable.');
      const allowed = decideRepresentation(principal, request);
      if (!allowed.allowed) {
        throw allowed.hidden
          ? new DomainError(DomainErrorCode.NOT_FOUND, 'Demande introuvable.')
          : new DomainError(DomainErrorCode.FORBIDDEN, `Accès refusé : ${allowed.reason}.`);
      }
      assertRepresentationPending(request.status);
      const decidedAs = deciderCapacity(principal, request.organisationId);
      await manager.update(
        RepresentationRequestEntity,
        { id },
        {
          status: decision,
          decidedBy: principal.userId,
          decidedAs,
          decidedAt: () => 'now()',
        },
      );
      if (decision === 'CONFIRMED') {
        for (const role of request.roles) {
          await this.access.grant(manager, request.userId, role, {
            organisationId: request.organisationId,
          });
        }
      }
      await this.audit.appendWith(manager, actor, {
        action: decision === 'CONFIRMED' ? 'representation.confirmed' : 'representation.refused',
        entityType: 'representation_request',
        entityId: id,
        bidId: request.bidId,
        before: { status: request.status },
        after: {
          status: decision,
          decidedAs,
          organisationId: request.organisationId,
          userId: request.userId,
          roles: request.roles,
        },
      });
    });
    return this.view(id);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  type Actor,
  CHANGE_REQUEST_REASON_LABELS,
  type ChangeRequestEvent,
  type ChangeRequestReason,
  type ChangeRequestTransition,
  DomainError,
  DomainErrorCode,
  type MembershipChange,
  assertChangeRequest,
  assertVersionCurrent,
  decideChangeRequestTransition,
  formatIdentifier,
  isConsortiumMember,
  isUuid,
  tallyVote,
} from '@cordage/domain';
import { AllocationVersionEntity, ChangeRequestEntity, DocumentEntity } from '../entities';
import { AuditLogRepository } from './audit-log.repository';
import { BidScenarioRepository } from './bid-scenario.repository';
import { type BidWorkflowFacts, BidWorkflowRepository } from './bid-workflow.repository';
import { type Db, InjectDb } from '../unit-of-work';

/** Statuses of a change request still under way: at most one per bid. */
const ACTIVE = ['OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING'] as const;

/** A bid may change its membership once its convention is signed: after, not before. */
const CHANGEABLE_BID_STATUSES = ['SIGNED', 'SUBMITTED', 'AWARDED'];

const refuse = (code: string, message: string, path = 'memberId') =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [{ path, code, message }]);

/**
 * Changes of membership after the freeze (R2142-26): the leaving member is withdrawn at once, the
 * others share its work again (a new allocation version), approve it and sign an amendment.
 */
@Injectable()
export class ChangeRequestsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectDb() private readonly db: Db,
    private readonly audit: AuditLogRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly scenarios: BidScenarioRepository,
  ) {}

  async active(bidId: string, manager = this.dataSource.manager) {
    return manager.findOneBy(ChangeRequestEntity, { bidId, status: In([...ACTIVE]) });
  }

  async list(bidId: string) {
    return this.dataSource.manager.find(ChangeRequestEntity, {
      where: { bidId },
      order: { createdAt: 'DESC' },
    });
  }

  async find(bidId: string, id: string): Promise<ChangeRequestEntity> {
    const found = isUuid(id)
      ? await this.dataSource.manager.findOneBy(ChangeRequestEntity, { bidId, id })
      : null;
    if (!found) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, 'Demande de modification introuvable.');
    }
    return found;
  }

  async create(
    bidId: string,
    request: { memberId: string; reason: ChangeRequestReason; justification: string },
    actor: Actor,
  ): Promise<ChangeRequestEntity> {
    // In the unit of work: the bid workflow's reads below share this transaction.
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [bidId]);
      const facts = await this.workflow.facts(bidId);
      if (!CHANGEABLE_BID_STATUSES.includes(facts.status)) {
        throw refuse(
          'CHANGE_NOT_ALLOWED',
          'Une demande de modification vient après la signature de la convention ; avant, ' +
            'les membres changent par le vote et la répartition.',
          'status',
        );
      }
      if (await this.active(bidId, manager)) {
        throw refuse(
          'CHANGE_ALREADY_OPEN',
          'Une demande de modification est déjà en cours : menez-la à son terme d’abord.',
          'status',
        );
      }
      const member = facts.members.find((m) => m.id === request.memberId);
      if (!member || member.role !== 'COTRAITANT' || !isConsortiumMember(member.status)) {
        throw refuse('NOT_A_PARTY', 'Ce membre n’est pas partie au groupement.');
      }
      assertChangeRequest({ ...request, memberKey: member.key });
      const [{ closed }] = await manager.query<{ closed: number }[]>(
        `SELECT count(*)::int AS closed FROM change_requests WHERE bid_id = $1 AND status = 'CLOSED'`,
        [bidId],
      );
      const { identifiers } = await manager.insert(ChangeRequestEntity, {
        bidId,
        memberId: member.id,
        previousMemberStatus: member.status,
        reason: request.reason,
        justification: request.justification,
        status: 'OPEN',
        amendmentNumber: closed + 1,
        createdBy: actor.userId,
      });
      await manager.query(
        `UPDATE members SET status = 'WITHDRAWN', status_changed_at = now() WHERE id = $1`,
        [member.id],
      );
      const id = identifiers[0].id as string;
      await this.audit.appendWith(manager, actor, {
        action: 'change_request.opened',
        entityType: 'change_request',
        entityId: id,
        bidId,
        after: { member: member.key, reason: request.reason, justification: request.justification },
      });
      return manager.findOneByOrFail(ChangeRequestEntity, { id });
    });
  }

  /** Moves a change request by `event`, if its state machine allows it now. */
  async transition(
    bidId: string,
    id: string,
    event: ChangeRequestEvent,
    actor: Actor,
    input: { allocationVersion?: number } = {},
  ): Promise<ChangeRequestTransition> {
    // In the unit of work: the bid workflow's reads below share this transaction.
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [bidId]);
      const request = await manager.findOneBy(ChangeRequestEntity, { bidId, id });
      if (!request) {
        throw new DomainError(DomainErrorCode.NOT_FOUND, 'Demande de modification introuvable.');
      }
      const facts = await this.workflow.facts(bidId);
      const cotraitants = facts.members.filter((member) => member.role === 'COTRAITANT');
      const transition = decideChangeRequestTransition(
        {
          status: request.status,
          rules: facts.rules,
          remainingMembers: cotraitants.filter((member) => member.id !== request.memberId),
          reallocationAgreed:
            request.allocationVersionId !== null &&
            (await this.reallocationOutcome(facts, request.allocationVersionId)) === 'APPROVED',
          unsignedParties:
            event === 'CLOSE'
              ? await this.workflow.unsigned(bidId, 'AMENDMENT', request.allocationVersionId)
              : [],
        },
        event,
      );
      const changes = await this.effects(manager, request, event, input);
      await manager.update(
        ChangeRequestEntity,
        { id },
        { status: transition.to, allocationVersionId: changes.allocationVersionId },
      );
      await this.audit.appendWith(manager, actor, {
        action: 'change_request.transition',
        entityType: 'change_request',
        entityId: id,
        bidId,
        before: { status: transition.from },
        after: { status: transition.to, event, ...changes },
      });
      return transition;
    });
  }

  /** What the amendment and the letter to the buyer say of the change. */
  async membershipChange(changeRequestId: string): Promise<MembershipChange> {
    const [row] = await this.dataSource.query<
      {
        amendment_number: number;
        reason: ChangeRequestReason;
        justification: string;
        created_at: Date;
        legal_name: string;
        id_scheme: string;
        id_value: string;
      }[]
    >(
      `SELECT c.amendment_number, c.reason, c.justification, c.created_at, o.legal_name,
         o.id_scheme, o.id_value
       FROM change_requests c JOIN members m ON m.id = c.member_id
       JOIN organisations o ON o.id = m.organisation_id WHERE c.id = $1`,
      [changeRequestId],
    );
    return {
      amendmentNumber: row.amendment_number,
      reasonLabel: CHANGE_REQUEST_REASON_LABELS[row.reason],
      justification: row.justification,
      leaving: {
        legalName: row.legal_name,
        identifier: formatIdentifier(row.id_scheme, row.id_value),
      },
      requestedAt: row.created_at.toISOString(),
    };
  }

  private async reallocationOutcome(facts: BidWorkflowFacts, versionId: string) {
    const { shares, votes } = await this.workflow.ballotBox(versionId);
    return tallyVote(facts.decisionRule, facts.members, shares, votes).outcome;
  }

  private async effects(
    manager: EntityManager,
    request: ChangeRequestEntity,
    event: ChangeRequestEvent,
    input: { allocationVersion?: number },
  ): Promise<{ allocationVersionId: string | null }> {
    switch (event) {
      case 'REALLOCATE': {
        const version =
          input.allocationVersion === undefined
            ? null
            : await manager.findOneBy(AllocationVersionEntity, {
                bidId: request.bidId,
                number: input.allocationVersion,
              });
        if (!version) {
          throw refuse(
            'UNKNOWN_VERSION',
            'Indiquez la version de la répartition entre les membres restants.',
            'allocationVersion',
          );
        }
        // Computed without the member who leaves: on the bid's data as they are now.
        assertVersionCurrent(await this.scenarios.exportScenario(request.bidId), version);
        return { allocationVersionId: version.id };
      }
      case 'OPEN_AMENDMENT_SIGNING': {
        const amendment = await manager.findOne(DocumentEntity, {
          where: {
            bidId: request.bidId,
            kind: 'AMENDMENT',
            allocationVersionId: request.allocationVersionId!,
          },
          order: { version: 'DESC' },
        });
        if (!amendment) {
          throw refuse(
            'AMENDMENT_MISSING',
            'Générez d’abord l’avenant de la nouvelle répartition.',
            'documents',
          );
        }
        await manager.query(
          'UPDATE documents SET frozen_at = now() WHERE id = $1 AND frozen_at IS NULL',
          [amendment.id],
        );
        return { allocationVersionId: request.allocationVersionId };
      }
      case 'REJECT':
        // The member stays, as it was.
        await manager.query(
          `UPDATE members SET status = $2, status_changed_at = now() WHERE id = $1`,
          [request.memberId, request.previousMemberStatus],
        );
        return { allocationVersionId: request.allocationVersionId };
      case 'CLOSE':
        return { allocationVersionId: request.allocationVersionId };
    }
  }
}

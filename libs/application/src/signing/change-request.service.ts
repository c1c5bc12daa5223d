import { Injectable } from '@nestjs/common';
import {
  type Actor,
  CHANGE_REQUEST_REASON_LABELS,
  type ChangeRequestEvent,
  type ChangeRequestReason,
  type ChangeRequestTransition,
  DomainError,
  DomainErrorCode,
  type MembershipChange,
  assertAmendmentGenerated,
  assertChangeRequest,
  assertReallocationVersionKnown,
  assertVersionCurrent,
  decideChangeRequestTransition,
  formatIdentifier,
  isUuid,
  partyLeavingByChangeRequest,
} from '@cordage/domain';
import {
  AllocationsRepository,
  BidLockRepository,
  BidScenarioRepository,
  BidWorkflowRepository,
  type ChangeRequestEntity,
  ChangeRequestsRepository,
  DocumentsRepository,
  Transactional,
} from '@cordage/persistence';
import { ReplanChangesService } from '../execution/replan-changes.service';
import { VoteCounter } from '../workflow/vote-counter';
import { WorkflowNotifier } from '../workflow/workflow-notifier';
import { bidFacts } from '../workflow/bid-facts';
import { AuditTrail } from '../audit';

const changeRequestNotFound = () =>
  new DomainError(DomainErrorCode.NOT_FOUND, 'Demande de modification introuvable.');

/**
 * Changes of membership after the signature (R2142-26): the leaving member is withdrawn at once,
 * the others share its work again (a new allocation version), approve it and sign an amendment.
 */
@Injectable()
export class ChangeRequestService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    private readonly documents: DocumentsRepository,
    private readonly allocations: AllocationsRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly audit: AuditTrail,
    private readonly voteCounter: VoteCounter,
    private readonly notifier: WorkflowNotifier,
    private readonly replanChanges: ReplanChangesService,
  ) {}

  async list(bidId: string): Promise<ChangeRequestEntity[]> {
    return this.changeRequests.list(bidId);
  }

  /** What the amendment and the letter to the buyer say of the change. */
  async membershipChange(changeRequestId: string): Promise<MembershipChange> {
    const change = await this.changeRequests.leavingOrganisation(changeRequestId);
    if (!change) throw new Error(`change request ${changeRequestId} does not exist`);
    return {
      amendmentNumber: change.amendmentNumber,
      reasonLabel: CHANGE_REQUEST_REASON_LABELS[change.reason],
      justification: change.justification,
      leaving: {
        legalName: change.legalName,
        identifier: formatIdentifier(change.idScheme, change.idValue),
      },
      requestedAt: change.createdAt.toISOString(),
    };
  }

  /** Opens a change request: the member leaves at once, its status kept to come back if refused. */
  @Transactional()
  async open(
    bidId: string,
    request: { memberId: string; reason: ChangeRequestReason; justification: string },
    actor: Actor,
  ): Promise<ChangeRequestEntity> {
    // A bid's change requests move one at a time.
    await this.bidLock.lock(bidId);
    const facts = await bidFacts(this.workflow, bidId);
    const leaving = partyLeavingByChangeRequest({
      bidStatus: facts.status,
      changeUnderWay: (await this.changeRequests.active(bidId)) !== null,
      leaving: facts.members.find((member) => member.id === request.memberId),
    });
    assertChangeRequest({ ...request, memberKey: leaving.key });
    const created = await this.changeRequests.add({
      bidId,
      memberId: leaving.id,
      previousMemberStatus: leaving.status,
      reason: request.reason,
      justification: request.justification,
      amendmentNumber: (await this.changeRequests.countClosed(bidId)) + 1,
      createdBy: actor.userId,
    });
    await this.changeRequests.setMemberStatus(leaving.id, 'WITHDRAWN');
    await this.audit.append(actor, {
      action: 'change_request.opened',
      entityType: 'change_request',
      entityId: created.id,
      bidId,
      after: { member: leaving.key, reason: request.reason, justification: request.justification },
    });
    return created;
  }

  /** Moves a change request by `event`, if its state machine allows it now. */
  @Transactional()
  async transition(
    bidId: string,
    id: string,
    event: ChangeRequestEvent,
    actor: Actor,
    input: { allocationVersion?: number } = {},
  ): Promise<ChangeRequestTransition> {
    // A bid's change requests move one at a time.
    await this.bidLock.lock(bidId);
    const request = isUuid(id) ? await this.changeRequests.find(bidId, id) : null;
    if (!request) throw changeRequestNotFound();
    if (
      request.reason === 'REPLAN' &&
      (event === 'REALLOCATE' || event === 'OPEN_AMENDMENT_SIGNING')
    ) {
      // A re-plan's new split is the re-plan: the ballot that approves it opens the signature.
      throw new DomainError(
        DomainErrorCode.WORKFLOW_RULE_VIOLATED,
        'Cette demande met une replanification au vote : son avenant part en signature dès ' +
          'qu’elle est approuvée, et elle se clôt à la dernière signature ou se rejette.',
        [{ path: 'event', code: 'REPLAN_CHANGE', message: event }],
      );
    }
    const facts = await bidFacts(this.workflow, bidId);
    const cotraitants = facts.members.filter((member) => member.role === 'COTRAITANT');
    const transition = decideChangeRequestTransition(
      {
        status: request.status,
        rules: facts.rules,
        remainingMembers: cotraitants.filter((member) => member.id !== request.memberId),
        reallocationAgreed:
          request.allocationVersionId !== null &&
          (await this.voteCounter.count(facts, request.allocationVersionId)).decision.outcome ===
            'APPROVED',
        unsignedParties:
          event === 'CLOSE'
            ? await this.workflow.unsigned(
                bidId,
                'AMENDMENT',
                request.allocationVersionId,
                request.id,
              )
            : [],
      },
      event,
    );
    const changes = await this.effects(request, event, input, actor);
    await this.changeRequests.update(id, {
      status: transition.to,
      allocationVersionId: changes.allocationVersionId,
    });
    await this.audit.append(actor, {
      action: 'change_request.transition',
      entityType: 'change_request',
      entityId: id,
      bidId,
      before: { status: transition.from },
      after: { status: transition.to, event, ...changes },
    });
    await this.notifier.afterChangeStep(bidId, transition);
    return transition;
  }

  /**
   * A member signed an amendment (in its signature's transaction): when it was the last party
   * to, the change request in signing closes; a re-plan's becomes the plan in force then.
   */
  async closeWhenSigned(bidId: string, actor: Actor): Promise<void> {
    const change = await this.changeRequests.active(bidId);
    if (change?.status !== 'AMENDMENT_SIGNING') return;
    const unsigned = await this.workflow.unsigned(
      bidId,
      'AMENDMENT',
      change.allocationVersionId,
      change.id,
    );
    if (unsigned.length === 0) await this.transition(bidId, change.id, 'CLOSE', actor);
  }

  /** What the event does besides moving the status. */
  private async effects(
    request: ChangeRequestEntity,
    event: ChangeRequestEvent,
    input: { allocationVersion?: number },
    actor: Actor,
  ): Promise<{ allocationVersionId: string | null }> {
    switch (event) {
      case 'REALLOCATE': {
        const version =
          input.allocationVersion === undefined
            ? null
            : await this.allocations.find(request.bidId, input.allocationVersion);
        assertReallocationVersionKnown(version);
        // Computed without the member who leaves: on the bid's data as they are now.
        assertVersionCurrent(await this.scenarios.exportScenario(request.bidId), version);
        return { allocationVersionId: version.id };
      }
      case 'OPEN_AMENDMENT_SIGNING': {
        const amendment =
          request.allocationVersionId === null
            ? null
            : await this.documents.latestAmendment(request.bidId, request.allocationVersionId);
        assertAmendmentGenerated(amendment);
        await this.documents.freeze(amendment.id);
        return { allocationVersionId: request.allocationVersionId };
      }
      case 'REJECT':
        // The member stays, as it was (a re-plan has none: the plan in force stays).
        if (request.memberId !== null && request.previousMemberStatus !== null) {
          await this.changeRequests.setMemberStatus(request.memberId, request.previousMemberStatus);
        }
        return { allocationVersionId: request.allocationVersionId };
      case 'CLOSE':
        // Signed by every member: a re-plan becomes the plan in force, in this transaction.
        if (request.reason === 'REPLAN') await this.replanChanges.applySigned(request, actor);
        return { allocationVersionId: request.allocationVersionId };
    }
  }
}

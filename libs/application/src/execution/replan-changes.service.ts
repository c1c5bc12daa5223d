import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type RecordedVote,
  type VoteChoice,
  type VoteDecision,
  assertMayVote,
  assertReplanChangeOpens,
  assertReplanVoteOpen,
  decideChangeRequestTransition,
  doubleMajorityOf,
  isUuid,
  type ReplanAmendment,
  replanAmendmentCells,
  replanAmendmentTerms,
  type ReplanAmendmentTerms,
  replanShares,
  tallyVote,
  validateVote,
} from '@cordage/domain';
import {
  type AppliedReplan,
  BidLockRepository,
  type BidWorkflowFacts,
  BidWorkflowRepository,
  type ChangeRequestEntity,
  ChangeRequestsRepository,
  ContractRepository,
  DocumentsRepository,
  JobRequestsRepository,
  OutboxRepository,
  ReplanChangesRepository,
  type ReplanEntity,
  ReplansRepository,
  Transactional,
} from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { jobMessage } from '../jobs/job-message';
import { WorkflowNotifier } from '../workflow/workflow-notifier';
import { AuditTrail } from '../audit';
import { bidFacts } from '../workflow/bid-facts';

/** The vote on a re-plan as it stands: its decision under the bid's rule and the ballots. */
export interface ReplanVoteState {
  replan: number;
  decision: VoteDecision;
  votes: (RecordedVote & { votedAt: Date })[];
}

const changeRequestNotFound = () =>
  new DomainError(DomainErrorCode.NOT_FOUND, 'Demande de modification introuvable.', [
    { path: 'changeRequestId', code: 'NOT_FOUND', message: 'demande inconnue' },
  ]);

/**
 * A re-plan put to the members' vote as a change request of the kind `REPLAN`
 * (docs/after-award.md, "Re-planning"): opened on a computed re-plan, voted under the bid's rule
 * (the same tally as a version's, each member weighing its amount in the re-plan); approved, its
 * amendment is rendered by the worker, frozen and signed by every member like a change of
 * membership's; at the last signature its lines become the plan in force from its first period on.
 */
@Injectable()
export class ReplanChangesService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly replans: ReplansRepository,
    private readonly changes: ReplanChangesRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly contract: ContractRepository,
    private readonly documents: DocumentsRepository,
    private readonly jobRequests: JobRequestsRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
    private readonly notifier: WorkflowNotifier,
  ) {}

  /** Puts re-plan `replanNumber` to the vote: one change request at a time per bid. */
  @Transactional()
  async open(
    bidId: string,
    replanNumber: number,
    justification: string,
    actor: Actor,
  ): Promise<ChangeRequestEntity> {
    await this.bidLock.lock(bidId);
    const replan = await this.replans.findByNumber(bidId, replanNumber);
    assertReplanChangeOpens({
      replan,
      changeUnderWay: (await this.changeRequests.active(bidId)) !== null,
      applied: replan !== null && (await this.changes.applied(replan.id)),
    });
    if (!replan) throw new Error('unreachable: assertReplanChangeOpens refused');
    const created = await this.changes.add({
      bidId,
      replanId: replan.id,
      justification,
      amendmentNumber: (await this.changeRequests.countClosed(bidId)) + 1,
      createdBy: actor.userId,
    });
    await this.audit.append(actor, {
      action: 'change_request.opened',
      entityType: 'change_request',
      entityId: created.id,
      bidId,
      after: { reason: 'REPLAN', replan: replan.number, fromPeriod: replan.fromPeriod },
    });
    // Through the outbox, with this transaction.
    await this.notifier.afterReplanPutToVote(bidId, replan.number, replan.fromPeriod);
    return created;
  }

  /** The vote on a re-plan's request, as it stands. */
  async state(bidId: string, changeRequestId: string): Promise<ReplanVoteState> {
    const { replan } = await this.requestOf(bidId, changeRequestId);
    return this.count(await bidFacts(this.workflow, bidId), changeRequestId, replan);
  }

  /**
   * What the re-plan's amendment says: each member's amount from the re-plan's first period, in
   * the plan in force and in the re-plan (read before it is applied).
   */
  async amendmentTerms(bidId: string, changeRequestId: string): Promise<ReplanAmendmentTerms> {
    const { request, replan } = await this.requestOf(bidId, changeRequestId);
    return replanAmendmentTerms(
      request.amendmentNumber,
      replan.fromPeriod,
      await this.replans.plannedPeriods(bidId),
      replan.result?.lines ?? [],
    );
  }

  /** Everything the re-plan's amendment says, for the worker to render it. */
  async amendment(changeRequestId: string): Promise<ReplanAmendment> {
    const request = isUuid(changeRequestId)
      ? await this.changeRequests.findById(changeRequestId)
      : null;
    if (!request) throw new Error(`change request ${changeRequestId} does not exist`);
    const { replan } = await this.requestOf(request.bidId, changeRequestId);
    const facts = await bidFacts(this.workflow, request.bidId);
    const { decision, votes } = await this.count(facts, changeRequestId, replan);
    return {
      terms: await this.amendmentTerms(request.bidId, changeRequestId),
      replanNumber: replan.number,
      justification: request.justification,
      requestedAt: request.createdAt.toISOString(),
      cells: replanAmendmentCells(replan.fromPeriod, replan.result?.lines ?? []),
      vote: {
        explanation: decision.explanation,
        ballots: votes.map((vote) => ({
          org: vote.memberKey,
          choice: vote.choice,
          comment: vote.comment,
          votedAt: vote.votedAt.toISOString(),
        })),
      },
    };
  }

  /** Records a member's ballot on the re-plan; the same ballot again changes nothing. */
  @Transactional()
  async vote(
    bidId: string,
    changeRequestId: string,
    memberId: string,
    ballot: { choice: VoteChoice; comment?: string },
    actor: Actor,
  ): Promise<ReplanVoteState> {
    await this.bidLock.lock(bidId);
    const { request, replan } = await this.requestOf(bidId, changeRequestId);
    assertReplanVoteOpen(request.status);
    const facts = await bidFacts(this.workflow, bidId);
    const member = facts.members.find((candidate) => candidate.id === memberId);
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    assertMayVote(member);
    validateVote({ memberKey: member.key, ...ballot });
    const comment = ballot.comment ?? null;
    const written = await this.changes.recordVote(
      changeRequestId,
      memberId,
      { choice: ballot.choice, comment },
      actor.userId,
    );
    const state = await this.count(facts, changeRequestId, replan);
    if (written) {
      await this.audit.append(actor, {
        action: 'change_request.voted',
        entityType: 'change_request',
        entityId: changeRequestId,
        bidId,
        after: {
          member: member.key,
          choice: ballot.choice,
          comment,
          outcome: state.decision.outcome,
        },
      });
      if (state.decision.outcome === 'APPROVED') {
        await this.openAmendmentSigning(bidId, request, actor);
      }
    }
    return state;
  }

  /**
   * The ballot that approves the re-plan ends the vote: the request goes to AMENDMENT_SIGNING on
   * the version in force (the amendment changes the plan, not the split it was drawn from), and
   * its amendment's rendering is asked of the worker through the outbox, in this transaction.
   */
  private async openAmendmentSigning(
    bidId: string,
    request: ChangeRequestEntity,
    actor: Actor,
  ): Promise<void> {
    const facts = await bidFacts(this.workflow, bidId);
    const transition = decideChangeRequestTransition(
      {
        status: request.status,
        rules: facts.rules,
        remainingMembers: [],
        reallocationAgreed: true,
        unsignedParties: [],
      },
      'OPEN_AMENDMENT_SIGNING',
    );
    const versionId = (await this.contract.lockAwardFacts(bidId))?.signedVersionId ?? null;
    if (versionId === null) throw new Error(`bid ${bidId} has no signed version to amend`);
    await this.changeRequests.update(request.id, {
      status: transition.to,
      allocationVersionId: versionId,
    });
    const jobId = randomUUID();
    await this.jobRequests.insert({
      id: jobId,
      kind: 'DOCUMENTS',
      bidId,
      parameters: {
        allocationVersionId: versionId,
        documentSet: 'AMENDMENT',
        changeRequestId: request.id,
      },
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    await this.outbox.add(
      jobMessage(JobName.DOCUMENTS_RENDER_CONVENTION, jobId, { requestId: jobId }),
    );
    await this.audit.append(actor, {
      action: 'change_request.transition',
      entityType: 'change_request',
      entityId: request.id,
      bidId,
      before: { status: transition.from },
      after: { status: transition.to, event: transition.event, amendmentRequest: jobId },
    });
  }

  /**
   * The re-plan's amendment was recorded (in the worker's transaction): it is frozen for
   * signature and the members' signatories are asked to sign it. Recorded again (a retried job),
   * nothing changes.
   */
  async amendmentRendered(renderingId: string, changeRequestId: string, actor: Actor) {
    const request = await this.changeRequests.findById(changeRequestId);
    if (request?.reason !== 'REPLAN' || request.status !== 'AMENDMENT_SIGNING') return;
    const amendment = await this.documents.amendmentStoredBy(renderingId);
    if (!amendment || !(await this.documents.freeze(amendment))) return;
    await this.audit.append(actor, {
      action: 'document.frozen',
      entityType: 'document',
      entityId: amendment,
      bidId: request.bidId,
    });
    await this.notifier.afterReplanAmendmentReady(request.bidId, request.amendmentNumber);
  }

  /**
   * The request's amendment is signed by every member (its CLOSE step, in the last signature's
   * transaction): the re-plan becomes the plan in force, its lots' planned periods from its first
   * period on replaced by its lines, their totals summed again; audited, the members told.
   */
  async applySigned(request: ChangeRequestEntity, actor: Actor): Promise<AppliedReplan> {
    const { bidId } = request;
    const { replan } = await this.requestOf(bidId, request.id);
    if (!replan.result) throw new Error(`re-plan ${replan.id} is DONE without its result`);
    const lots = replan.result.totals.map((total) => total.lot);
    const terms = await this.amendmentTerms(bidId, request.id);
    const applied = await this.changes.apply(bidId, replan.fromPeriod, lots, replan.result.lines);
    await this.audit.append(actor, {
      action: 'contract.replan_applied',
      entityType: 'change_request',
      entityId: request.id,
      bidId,
      after: {
        replan: replan.number,
        fromPeriod: replan.fromPeriod,
        lots,
        ...applied,
        shares: terms.shares,
      },
    });
    await this.notifier.afterReplanApplied(bidId, request.amendmentNumber, replan.fromPeriod);
    return applied;
  }

  private async requestOf(
    bidId: string,
    changeRequestId: string,
  ): Promise<{ request: ChangeRequestEntity; replan: ReplanEntity }> {
    const request = isUuid(changeRequestId)
      ? await this.changeRequests.find(bidId, changeRequestId)
      : null;
    if (!request || request.reason !== 'REPLAN' || request.replanId === null) {
      throw changeRequestNotFound();
    }
    const replan = await this.replans.find(request.replanId);
    if (!replan) throw new Error(`change request ${request.id} names no re-plan`);
    return { request, replan };
  }

  private async count(
    facts: BidWorkflowFacts,
    changeRequestId: string,
    replan: ReplanEntity,
  ): Promise<ReplanVoteState> {
    const votes = await this.changes.votes(changeRequestId);
    return {
      replan: replan.number,
      decision: tallyVote(
        facts.decisionRule,
        facts.members,
        replanShares(replan.result?.lines ?? []),
        votes,
        doubleMajorityOf(facts.conventionSettings),
      ),
      votes,
    };
  }
}

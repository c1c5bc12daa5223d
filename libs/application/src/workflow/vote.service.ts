import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type VoteChoice,
  type VoteOutcome,
  assertBidAllows,
  assertMayVote,
  validateVote,
} from '@cordage/domain';
import { BidLockRepository, BidWorkflowRepository, Transactional } from '@cordage/persistence';
import { BidTransitionService } from './bid-transition.service';
import { WorkflowNotifier } from './workflow-notifier';
import { VoteCounter, type VoteState } from './vote-counter';
import { bidFacts } from './bid-facts';
import { AuditTrail } from '../audit';

/**
 * The members' vote on a split: on the version the bid put to the vote, or after the signature on
 * a change request's new split. When the bid's rule says the members agree, the bid moves to AGREED
 * in the same transaction.
 */
@Injectable()
export class VoteService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly counter: VoteCounter,
    private readonly transitions: BidTransitionService,
    private readonly audit: AuditTrail,
    private readonly notifier: WorkflowNotifier,
  ) {}

  /**
   * Records a member's ballot. Returns the vote as it stands, and its outcome just before this
   * ballot (so that a caller knows whether this one decided it).
   */
  @Transactional()
  async vote(
    bidId: string,
    memberId: string,
    ballot: { choice: VoteChoice; comment?: string },
    actor: Actor,
  ): Promise<VoteState & { previousOutcome: VoteOutcome }> {
    // The bid's steps and ballots happen one at a time.
    await this.bidLock.lock(bidId);
    const facts = await bidFacts(this.workflow, bidId);
    const change = await this.workflow.changeUnderWay(bidId);
    assertBidAllows('VOTE', facts.status, change?.status ?? null);
    // After the signature, the vote is on a change request's new split, if one is up for it.
    const onChange = change?.status === 'REALLOCATED';
    const versionId = onChange ? change.allocationVersionId : facts.proposedVersionId;
    const member = facts.members.find((candidate) => candidate.id === memberId);
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    if (!versionId) throw new Error(`bid ${bidId} allows a vote but has no version up for it`);
    assertMayVote(member);
    validateVote({ memberKey: member.key, ...ballot });
    const before = (await this.counter.count(facts, versionId)).decision.outcome;
    const comment = ballot.comment ?? null;
    // The same ballot sent again (twice at once, a retry) changes nothing: no second event.
    const written = await this.workflow.recordVote(
      versionId,
      memberId,
      { choice: ballot.choice, comment },
      actor.userId,
    );
    const state = await this.counter.count(facts, versionId);
    if (!written) return { ...state, previousOutcome: before };
    await this.audit.append(actor, {
      action: 'allocation.voted',
      entityType: 'allocation_version',
      entityId: versionId,
      bidId,
      after: {
        member: member.key,
        choice: ballot.choice,
        comment,
        outcome: state.decision.outcome,
      },
    });
    if (!onChange && state.decision.outcome === 'APPROVED') {
      // Counted in members whatever the rule (a weighted vote's tally is in cents).
      const { approvals, objections, missing } = state.decision;
      await this.transitions.transition(bidId, 'AGREE', actor, {
        decision: {
          approving: approvals.length,
          objecting: objections.length,
          members: approvals.length + objections.length + missing.length,
        },
      });
    }
    await this.notifier.afterVote(bidId, before, state.decision.outcome);
    return { ...state, previousOutcome: before };
  }
}

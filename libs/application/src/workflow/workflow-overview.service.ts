import { Injectable } from '@nestjs/common';
import {
  type BidStanding,
  type CompositionRuleCheck,
  type NextStep,
  type Principal,
  compositionOfMembers,
  nextSteps,
} from '@cordage/domain';
import {
  AccessRepository,
  type BidWorkflowFacts,
  BidWorkflowRepository,
  ChartersRepository,
} from '@cordage/persistence';
import { VoteCounter, type VoteState } from './vote-counter';
import { bidFacts } from './bid-facts';

/** Where bids stand: one bid's workflow and vote, and what each person has to do next. */
@Injectable()
export class WorkflowOverviewService {
  constructor(
    private readonly workflow: BidWorkflowRepository,
    private readonly counter: VoteCounter,
    private readonly charters: ChartersRepository,
    private readonly access: AccessRepository,
  ) {}

  /**
   * The bid's workflow facts, its composition rules checked on who joined and what they offer
   * (each met or unmet: the capacity call closes once all are met), and the vote under way or last
   * held.
   */
  async state(bidId: string): Promise<{
    facts: BidWorkflowFacts;
    composition: CompositionRuleCheck[];
    vote: VoteState | null;
  }> {
    const facts = await bidFacts(this.workflow, bidId);
    const change = await this.workflow.changeUnderWay(bidId);
    // On a change request's new split, or on the bid's version.
    const versionId =
      change?.allocationVersionId ?? facts.proposedVersionId ?? facts.agreedVersionId;
    return {
      facts,
      composition: compositionOfMembers(facts.members, facts.rules),
      vote: versionId ? await this.counter.count(facts, versionId) : null,
    };
  }

  /** What this person must do next, on every bid they see. */
  async nextSteps(principal: Principal): Promise<NextStep[]> {
    const bidIds = await this.access.visibleBidIds(principal);
    const standings = await Promise.all(bidIds.map((bidId) => this.standing(bidId, principal)));
    return standings.flatMap(nextSteps);
  }

  /**
   * Where a bid stands for one person: the members they edit or sign for, what those have done
   * (answer, charter, declaration, vote, signature), and whether they coordinate it.
   */
  async standing(bidId: string, principal: Principal): Promise<BidStanding> {
    const facts = await bidFacts(this.workflow, bidId);
    const change = await this.workflow.changeUnderWay(bidId);
    const voteVersionId =
      change?.status === 'REALLOCATED'
        ? change.allocationVersionId
        : facts.status === 'PROPOSED'
          ? facts.proposedVersionId
          : null;
    const signing =
      change?.status === 'AMENDMENT_SIGNING'
        ? {
            kind: 'AMENDMENT' as const,
            versionId: change.allocationVersionId,
            changeRequestId: change.id,
          }
        : facts.status === 'SIGNING'
          ? { kind: 'CONVENTION' as const, versionId: facts.agreedVersionId, changeRequestId: null }
          : null;
    const charter = await this.charters.current(facts.networkId);
    const progress = await this.workflow.memberProgress(bidId, {
      charterId: charter?.id ?? null,
      voteVersionId,
      signing,
    });
    const nothingDone = { declared: false, charterAccepted: false, voted: false, signed: false };
    return {
      bidId,
      reference: facts.reference,
      status: facts.status,
      coordinates: principal.coordinatorOf.has(facts.networkId),
      charterRequired: charter !== null,
      vote: voteVersionId
        ? (await this.counter.count(facts, voteVersionId)).decision.outcome
        : null,
      changeRequest: change?.status ?? null,
      members: facts.members
        .filter((member) => member.role === 'COTRAITANT')
        .map((member) => ({
          memberId: member.id,
          status: member.status,
          editing: principal.editorOf.has(member.organisationId),
          signing: principal.signatoryOf.has(member.organisationId),
          ...(progress.get(member.id) ?? nothingDone),
        })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { type VoteChoice, type VoteDecision, doubleMajorityOf, tallyVote } from '@cordage/domain';
import { type BidWorkflowFacts, BidWorkflowRepository } from '@cordage/persistence';

/** The vote on one version, as it stands: its decision and the ballots, oldest first. */
export interface VoteState {
  versionNumber: number;
  decision: VoteDecision;
  votes: { memberKey: string; choice: VoteChoice; comment: string | null; votedAt: Date }[];
}

/**
 * Counts the vote on one version: loads the ballots and the version's lines, and lets the domain
 * decide under the bid's rule (tallyVote). Inside a use case, it reads through its transaction.
 */
@Injectable()
export class VoteCounter {
  constructor(private readonly workflow: BidWorkflowRepository) {}

  async count(facts: BidWorkflowFacts, versionId: string): Promise<VoteState> {
    const { versionNumber, shares, votes } = await this.workflow.ballotBox(versionId);
    return {
      versionNumber,
      decision: tallyVote(
        facts.decisionRule,
        facts.members,
        shares,
        votes,
        doubleMajorityOf(facts.conventionSettings),
      ),
      votes,
    };
  }
}

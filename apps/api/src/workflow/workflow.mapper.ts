import type { VoteState } from '@cordage/application';
import { BID_STATUS_LABELS, type CompositionRuleCheck, bidEventsFrom } from '@cordage/domain';
import type { BidWorkflowFacts } from '@cordage/persistence';
import type { VoteStateDto, WorkflowDto } from './dto/workflow.dto';

export function toVoteStateDto(state: VoteState): VoteStateDto {
  return {
    versionNumber: state.versionNumber,
    outcome: state.decision.outcome,
    explanation: state.decision.explanation,
    missing: [...state.decision.missing],
    votes: state.votes.map((vote) => ({ ...vote, votedAt: vote.votedAt.toISOString() })),
  };
}

export function toWorkflowDto(
  facts: BidWorkflowFacts,
  composition: CompositionRuleCheck[],
  vote: VoteState | null,
): WorkflowDto {
  return {
    status: facts.status,
    statusLabel: BID_STATUS_LABELS[facts.status],
    nextEvents: bidEventsFrom(facts.status),
    applicationDeadline: facts.applicationDeadline.toISOString(),
    capacityDeadline: facts.capacityDeadline?.toISOString() ?? null,
    reminderDays: facts.reminderDays,
    decisionRule: facts.decisionRule,
    composition,
    vote: vote && toVoteStateDto(vote),
  };
}

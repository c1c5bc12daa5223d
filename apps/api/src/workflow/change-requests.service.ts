import { Injectable } from '@nestjs/common';
import {
  ChangeRequestService,
  ReplanChangesService,
  type ReplanVoteState,
} from '@cordage/application';
import type { Actor } from '@cordage/domain';
import {
  AllocationsRepository,
  type ChangeRequestEntity,
  ReplansRepository,
} from '@cordage/persistence';
import type {
  ChangeRequestCreateDto,
  ChangeRequestTransitionDto,
  ReplanChangeCreateDto,
  ReplanVoteStateDto,
  VoteDto,
} from './dto/workflow.dto';

/** Changes of membership after the signature; the members' mails are queued with each step. */
@Injectable()
export class ChangeRequestsService {
  constructor(
    private readonly changeRequests: ChangeRequestService,
    private readonly replanChanges: ReplanChangesService,
    private readonly allocations: AllocationsRepository,
    private readonly replans: ReplansRepository,
  ) {}

  async open(bidId: string, request: ChangeRequestCreateDto, actor: Actor) {
    return this.changeDto(await this.changeRequests.open(bidId, request, actor));
  }

  async openReplan(bidId: string, request: ReplanChangeCreateDto, actor: Actor) {
    return this.changeDto(
      await this.replanChanges.open(bidId, request.replan, request.justification, actor),
    );
  }

  async replanVote(bidId: string, changeRequestId: string): Promise<ReplanVoteStateDto> {
    return replanVoteDto(await this.replanChanges.state(bidId, changeRequestId));
  }

  async voteOnReplan(
    bidId: string,
    changeRequestId: string,
    memberId: string,
    ballot: VoteDto,
    actor: Actor,
  ): Promise<ReplanVoteStateDto> {
    return replanVoteDto(
      await this.replanChanges.vote(bidId, changeRequestId, memberId, ballot, actor),
    );
  }

  async list(bidId: string) {
    return Promise.all((await this.changeRequests.list(bidId)).map((c) => this.changeDto(c)));
  }

  async step(bidId: string, id: string, step: ChangeRequestTransitionDto, actor: Actor) {
    return this.changeRequests.transition(bidId, id, step.event, actor, {
      ...(step.allocationVersion !== undefined && { allocationVersion: step.allocationVersion }),
    });
  }

  private async changeDto(change: ChangeRequestEntity) {
    const version = change.allocationVersionId
      ? await this.allocations.findById(change.allocationVersionId)
      : null;
    const replan = change.replanId ? await this.replans.find(change.replanId) : null;
    return {
      id: change.id,
      memberId: change.memberId,
      reason: change.reason,
      replan: replan?.number ?? null,
      justification: change.justification,
      status: change.status,
      amendmentNumber: change.amendmentNumber,
      allocationVersion: version?.number ?? null,
      createdAt: change.createdAt.toISOString(),
    };
  }
}

function replanVoteDto(state: ReplanVoteState): ReplanVoteStateDto {
  return {
    replan: state.replan,
    outcome: state.decision.outcome,
    explanation: state.decision.explanation,
    missing: [...state.decision.missing],
    votes: state.votes.map((vote) => ({ ...vote, votedAt: vote.votedAt.toISOString() })),
  };
}

import { ChangeRequestService, CharterService } from '@cordage/application';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type Actor,
  BID_STATUS_LABELS,
  type ReminderKind,
  type Principal,
  bidEventsFrom,
  nextSteps,
  capacityCallCloseJobId,
  reminderJobId,
  reminderSchedule,
} from '@cordage/domain';
import {
  AccessRepository,
  AllocationsRepository,
  BidWorkflowRepository,
  type ChangeRequestEntity,
  type BidWorkflowFacts,
  OutboxRepository,
  type VoteState,
} from '@cordage/persistence';
import { JobName, QUEUE_OF_JOB } from '@cordage/queue';
import type {
  ChangeRequestCreateDto,
  ChangeRequestTransitionDto,
  TransitionDto,
  VoteDto,
} from './dto/workflow.dto';
import { WorkflowNotifier } from './workflow.notifier';

const voteDto = (state: VoteState | null) =>
  state && {
    versionNumber: state.versionNumber,
    outcome: state.decision.outcome,
    explanation: state.decision.explanation,
    missing: [...state.decision.missing],
    votes: state.votes.map((vote) => ({ ...vote, votedAt: vote.votedAt.toISOString() })),
  };

/** The bid's steps, votes and charter; deadlines become delayed jobs, through the outbox. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly workflow: BidWorkflowRepository,
    private readonly charters: CharterService,
    private readonly outbox: OutboxRepository,
    private readonly changeRequests: ChangeRequestService,
    private readonly allocations: AllocationsRepository,
    private readonly access: AccessRepository,
    private readonly notifier: WorkflowNotifier,
  ) {}

  async state(bidId: string) {
    const facts = await this.workflow.facts(bidId);
    return {
      status: facts.status,
      statusLabel: BID_STATUS_LABELS[facts.status],
      nextEvents: bidEventsFrom(facts.status),
      applicationDeadline: facts.applicationDeadline.toISOString(),
      capacityDeadline: facts.capacityDeadline?.toISOString() ?? null,
      reminderDays: facts.reminderDays,
      decisionRule: facts.decisionRule,
      vote: voteDto(await this.workflow.voteState(bidId)),
    };
  }

  async transition(bidId: string, step: TransitionDto, actor: Actor) {
    const transition = await this.workflow.transition(
      bidId,
      step.event,
      actor,
      {
        ...(step.capacityDeadline && { capacityDeadline: new Date(step.capacityDeadline) }),
        ...(step.reminderDays && { reminderDays: step.reminderDays }),
        ...(step.allocationVersion !== undefined && { allocationVersion: step.allocationVersion }),
      },
      (manager, transition, facts) => {
        switch (transition.event) {
          case 'OPEN_CAPACITY_CALL':
          case 'REOPEN_CAPACITY_CALL':
            return this.scheduleCapacityCall(manager, facts);
          case 'OPEN_SIGNING':
            return this.scheduleReminders(manager, facts, 'SIGNATURE', facts.applicationDeadline);
          default:
            return Promise.resolve();
        }
      },
    );
    await this.notifier.afterTransition(bidId, transition);
    return transition;
  }

  async vote(bidId: string, memberId: string, ballot: VoteDto, actor: Actor) {
    const state = await this.workflow.vote(bidId, memberId, ballot, actor);
    await this.notifier.afterVote(bidId, state.previousOutcome, state.decision.outcome);
    return voteDto(state)!;
  }

  async publishCharter(networkId: string, charter: { title: string; text: string }, actor: Actor) {
    return { version: await this.charters.publish(networkId, charter, actor) };
  }

  async charterOf(bidId: string) {
    const facts = await this.workflow.facts(bidId);
    const { current: charter, accepted } = await this.charters.standing(
      facts.networkId,
      facts.members.map((member) => member.organisationId),
    );
    return {
      charter: charter && { version: charter.version, title: charter.title, text: charter.text },
      members: facts.members.map((member) => ({
        memberId: member.id,
        memberKey: member.key,
        acceptedVersion: accepted.get(member.organisationId) ?? null,
      })),
    };
  }

  async acceptCharter(bidId: string, memberId: string, version: number, actor: Actor) {
    const facts = await this.workflow.facts(bidId);
    const member = facts.members.find((m) => m.id === memberId)!;
    await this.charters.accept(facts.networkId, member.organisationId, version, actor, bidId);
  }

  async openChange(bidId: string, request: ChangeRequestCreateDto, actor: Actor) {
    return this.changeDto(await this.changeRequests.open(bidId, request, actor));
  }

  async changes(bidId: string) {
    return Promise.all((await this.changeRequests.list(bidId)).map((c) => this.changeDto(c)));
  }

  async changeStep(bidId: string, id: string, step: ChangeRequestTransitionDto, actor: Actor) {
    const transition = await this.changeRequests.transition(bidId, id, step.event, actor, {
      ...(step.allocationVersion !== undefined && { allocationVersion: step.allocationVersion }),
    });
    await this.notifier.afterChangeStep(bidId, transition);
    return transition;
  }

  /** What this person must do next, on every bid they see. */
  async nextSteps(principal: Principal) {
    const bidIds = await this.access.visibleBidIds(principal);
    const standings = await Promise.all(
      bidIds.map((bidId) => this.workflow.standing(bidId, principal)),
    );
    return standings.flatMap(nextSteps);
  }

  private async changeDto(change: ChangeRequestEntity) {
    const version = change.allocationVersionId
      ? await this.allocations.findById(change.allocationVersionId)
      : null;
    return {
      id: change.id,
      memberId: change.memberId,
      reason: change.reason,
      justification: change.justification,
      status: change.status,
      amendmentNumber: change.amendmentNumber,
      allocationVersion: version?.number ?? null,
      createdAt: change.createdAt.toISOString(),
    };
  }

  /** The call closes itself at its deadline; reminders go before it to those who have not declared. */
  private async scheduleCapacityCall(manager: EntityManager, facts: BidWorkflowFacts) {
    const deadline = facts.capacityDeadline!;
    await this.outbox.addWith(manager, {
      id: randomUUID(),
      queueName: QUEUE_OF_JOB[JobName.WORKFLOW_CLOSE_CAPACITY_CALL],
      jobName: JobName.WORKFLOW_CLOSE_CAPACITY_CALL,
      payload: { bidId: facts.bidId, deadline: deadline.toISOString() },
      jobId: capacityCallCloseJobId(facts.bidId, deadline),
      deliverAt: deadline,
    });
    await this.scheduleReminders(manager, facts, 'CAPACITY', deadline);
  }

  private async scheduleReminders(
    manager: EntityManager,
    facts: BidWorkflowFacts,
    kind: ReminderKind,
    deadline: Date,
  ) {
    const due = reminderSchedule({ deadline, daysBefore: facts.reminderDays, now: new Date() });
    for (const dueAt of due) {
      await this.outbox.addWith(manager, {
        id: randomUUID(),
        queueName: QUEUE_OF_JOB[JobName.WORKFLOW_REMIND],
        jobName: JobName.WORKFLOW_REMIND,
        payload: { bidId: facts.bidId, kind, deadline: deadline.toISOString() },
        jobId: reminderJobId(kind, facts.bidId, dueAt),
        deliverAt: dueAt,
      });
    }
  }
}

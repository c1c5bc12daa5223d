import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type BidEvent,
  type BidTransition,
  type BidTransitionContext,
  DomainError,
  DomainErrorCode,
  type ReminderKind,
  assertCapacityDeadline,
  assertUncoveredAcknowledged,
  assertVersionCurrent,
  capacityCallCloseJobId,
  decideBidTransition,
  reminderJobId,
  reminderSchedule,
  hasLeft,
} from '@cordage/domain';
import {
  BidLockRepository,
  BidScenarioRepository,
  type BidStep,
  type BidWorkflowFacts,
  BidWorkflowRepository,
  OutboxRepository,
  Transactional,
  AllocationsRepository,
} from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { VoteCounter } from './vote-counter';
import { WorkflowNotifier } from './workflow-notifier';
import { jobMessage } from '../jobs/job-message';
import { bidFacts } from './bid-facts';
import { AuditTrail } from '../audit';

/** What a step may carry: the capacity call's deadline, the version put to the vote. */
export interface TransitionInput {
  capacityDeadline?: Date;
  reminderDays?: number[];
  allocationVersion?: number;
  /** PROPOSE: the coordinator has seen the part of the version that no member carries. */
  acknowledgeUncovered?: boolean;
  /**
   * AGREE: the members' vote that decided it, recorded with the step: the approval is theirs,
   * not the last voter's (whose ballot is the audit entry's actor).
   */
  decision?: { approving: number; objecting: number; members: number };
}

const unknownVersion = () => {
  const message = 'Indiquez la version de la répartition à soumettre au vote.';
  return new DomainError(DomainErrorCode.INVALID_INPUT, message, [
    { path: 'allocationVersion', code: 'UNKNOWN_VERSION', message },
  ]);
};

/**
 * Moves a bid through its workflow: each step decided by the domain's state machine on facts read
 * under the bid's lock, written with its audit entry and the jobs it schedules (the capacity call's
 * closing, reminders) in the same transaction.
 */
@Injectable()
export class BidTransitionService {
  constructor(
    private readonly allocations: AllocationsRepository,
    private readonly bidLock: BidLockRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly votes: VoteCounter,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxRepository,
    private readonly notifier: WorkflowNotifier,
  ) {}

  @Transactional()
  async transition(
    bidId: string,
    event: BidEvent,
    actor: Actor,
    input: TransitionInput = {},
  ): Promise<BidTransition> {
    // The bid's steps and ballots happen one at a time.
    await this.bidLock.lock(bidId);
    const facts = await bidFacts(this.workflow, bidId);
    const now = new Date();
    const transition = decideBidTransition(await this.guardFacts(facts, event, now), event);
    const changes = await this.changesFor(facts, transition.event, input, now);
    await this.workflow.saveStep(bidId, { status: transition.to, ...changes });
    await this.audit.append(actor, {
      action: 'bid.transition',
      entityType: 'bid',
      entityId: bidId,
      bidId,
      before: { status: transition.from },
      after: {
        status: transition.to,
        event,
        ...changes,
        // Who saw, and said so, that the version leaves work to no member.
        ...(event === 'PROPOSE' && input.acknowledgeUncovered
          ? { uncoveredAcknowledged: true }
          : {}),
        ...(event === 'AGREE' && input.decision ? { decision: input.decision } : {}),
      },
    });
    await this.schedule(event, { ...facts, ...changes });
    await this.notifier.afterTransition(bidId, transition);
    return transition;
  }

  /**
   * A capacity call whose deadline a corrigendum moved: it closes itself at the new one, with its
   * reminders (the job of the former deadline finds it moved and does nothing).
   */
  async rescheduleCapacityCall(bidId: string): Promise<void> {
    await this.schedule('REOPEN_CAPACITY_CALL', await bidFacts(this.workflow, bidId));
  }

  /** What the guards look at; only the steps that need the vote or the signatures load them. */
  private async guardFacts(
    facts: BidWorkflowFacts,
    event: BidEvent,
    now: Date,
  ): Promise<BidTransitionContext> {
    const agreedVersionId = facts.agreedVersionId;
    return {
      status: facts.status,
      rules: facts.rules,
      // Subcontractors only work for a member: they are not in the consortium.
      members: facts.members.filter((member) => member.role === 'COTRAITANT'),
      latestVersionAgreed:
        event === 'OPEN_SIGNING'
          ? agreedVersionId !== null
          : event === 'AGREE' &&
            facts.proposedVersionId !== null &&
            (await this.votes.count(facts, facts.proposedVersionId)).decision.outcome ===
              'APPROVED',
      conventionFrozen:
        event === 'OPEN_SIGNING' &&
        agreedVersionId !== null &&
        (await this.workflow.hasFrozenConvention(facts.bidId, agreedVersionId)),
      unsignedParties:
        event === 'COMPLETE_SIGNING'
          ? await this.workflow.unsigned(facts.bidId, 'CONVENTION', agreedVersionId)
          : [],
      versionParties: await this.versionParties(facts, event),
      now,
      applicationDeadline: facts.applicationDeadline,
    };
  }

  /**
   * The members the split at stake gives work to (the proposed one for AGREE, the agreed one for
   * the signing steps), read only where a member left: the guard looks for them there.
   */
  private async versionParties(facts: BidWorkflowFacts, event: BidEvent): Promise<string[]> {
    const versionId =
      event === 'AGREE'
        ? facts.proposedVersionId
        : event === 'OPEN_SIGNING' || event === 'COMPLETE_SIGNING'
          ? facts.agreedVersionId
          : null;
    if (!versionId || !facts.members.some((member) => hasLeft(member.status))) return [];
    const version = await this.allocations.findById(versionId);
    return (version?.result.members ?? [])
      .filter((share) => share.amountCents > 0 || share.hours > 0)
      .map((share) => share.org);
  }

  /** What a step changes besides the status. */
  private async changesFor(
    facts: BidWorkflowFacts,
    event: BidEvent,
    input: TransitionInput,
    now: Date,
  ): Promise<Omit<BidStep, 'status'>> {
    const changes = {
      capacityDeadline: facts.capacityDeadline,
      reminderDays: facts.reminderDays,
      proposedVersionId: facts.proposedVersionId,
      agreedVersionId: facts.agreedVersionId,
    };
    switch (event) {
      case 'OPEN_CAPACITY_CALL':
      case 'REOPEN_CAPACITY_CALL': {
        assertCapacityDeadline(input.capacityDeadline, now, facts.applicationDeadline);
        return {
          ...changes,
          capacityDeadline: input.capacityDeadline,
          reminderDays: input.reminderDays ?? facts.reminderDays,
        };
      }
      case 'PROPOSE': {
        const version =
          input.allocationVersion === undefined
            ? null
            : await this.workflow.versionByNumber(facts.bidId, input.allocationVersion);
        if (!version) throw unknownVersion();
        assertVersionCurrent(await this.scenarios.exportScenario(facts.bidId), version);
        const uncovered = await this.workflow.uncoveredOf(version.id);
        assertUncoveredAcknowledged(
          { number: version.number, result: { uncovered } },
          input.acknowledgeUncovered === true,
        );
        return { ...changes, proposedVersionId: version.id, agreedVersionId: null };
      }
      case 'AGREE':
        return { ...changes, agreedVersionId: facts.proposedVersionId, proposedVersionId: null };
      case 'REVISE':
        return { ...changes, proposedVersionId: null, agreedVersionId: null };
      case 'CLOSE_CAPACITY_CALL':
      case 'OPEN_SIGNING':
      case 'COMPLETE_SIGNING':
      case 'SUBMIT':
      case 'AWARD':
      case 'LOSE':
      case 'WITHDRAW':
        return changes;
    }
  }

  /**
   * The jobs a step leaves in the outbox: the capacity call closes itself at its deadline, and
   * reminders go before it to those who have not declared; once signing opens, reminders go to
   * those who have not signed before the application deadline.
   */
  private async schedule(event: BidEvent, bid: BidWorkflowFacts): Promise<void> {
    switch (event) {
      case 'OPEN_CAPACITY_CALL':
      case 'REOPEN_CAPACITY_CALL': {
        if (!bid.capacityDeadline) return;
        const deadline = bid.capacityDeadline;
        await this.outbox.add(
          jobMessage(
            JobName.WORKFLOW_CLOSE_CAPACITY_CALL,
            randomUUID(),
            { bidId: bid.bidId, deadline: deadline.toISOString() },
            { jobId: capacityCallCloseJobId(bid.bidId, deadline), deliverAt: deadline },
          ),
        );
        return this.scheduleReminders(bid, 'CAPACITY', deadline);
      }
      case 'OPEN_SIGNING':
        return this.scheduleReminders(bid, 'SIGNATURE', bid.applicationDeadline);
      default:
        return;
    }
  }

  private async scheduleReminders(bid: BidWorkflowFacts, kind: ReminderKind, deadline: Date) {
    const due = reminderSchedule({ deadline, daysBefore: bid.reminderDays, now: new Date() });
    for (const dueAt of due) {
      await this.outbox.add(
        jobMessage(
          JobName.WORKFLOW_REMIND,
          randomUUID(),
          { bidId: bid.bidId, kind, deadline: deadline.toISOString() },
          { jobId: reminderJobId(kind, bid.bidId, dueAt), deliverAt: dueAt },
        ),
      );
    }
  }
}

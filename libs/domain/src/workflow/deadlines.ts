import { DomainError, DomainErrorCode } from '../errors';
import type { MemberStatus } from '../members';

/** What a reminder asks for. Values are part of job ids: never rename. */
export const REMINDER_KINDS = ['CAPACITY', 'SIGNATURE'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

const DAY_MS = 86_400_000;
const MAX_DAYS_BEFORE = 365;

/**
 * The instants reminders are due, `daysBefore` days of 24 hours before the deadline (the same clock
 * time, give or take the hour of a daylight-saving change), in time order, without duplicates and
 * without those already past: recomputing after a restart or a deadline change gives what is left.
 */
export function reminderSchedule(input: {
  deadline: Date;
  daysBefore: readonly number[];
  now: Date;
}): Date[] {
  const { deadline, daysBefore, now } = input;
  if (Number.isNaN(deadline.getTime()) || Number.isNaN(now.getTime())) {
    throw new RangeError('reminderSchedule needs valid dates');
  }
  for (const [index, days] of daysBefore.entries()) {
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS_BEFORE) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Un rappel se programme de 1 à ${MAX_DAYS_BEFORE} jours avant l’échéance, en jours entiers ` +
          `(reçu : ${days}).`,
        [{ path: `daysBefore[${index}]`, code: 'INVALID_REMINDER_DAYS', message: String(days) }],
      );
    }
  }
  const due = new Set(daysBefore.map((days) => deadline.getTime() - days * DAY_MS));
  return [...due]
    .filter((instant) => instant >= now.getTime())
    .sort((a, b) => a - b)
    .map((instant) => new Date(instant));
}

/** BullMQ refuses ':' in a custom job id; ours are built only from these characters. */
function assertJobIdPart(bidId: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(bidId)) throw new RangeError(`bid id "${bidId}" unfit for a job id`);
}

/**
 * One job per reminder, whoever enqueues it: BullMQ drops a job whose id already exists, so two
 * workers scheduling the same reminder enqueue it once. The instant is in the id, so a moved
 * deadline gives new ids; the processor checks its job's instant is still in reminderSchedule.
 */
export function reminderJobId(kind: ReminderKind, bidId: string, dueAt: Date): string {
  assertJobIdPart(bidId);
  return `reminder-${kind.toLowerCase()}-${bidId}-${dueAt.getTime()}`;
}

/** The delayed job that closes the capacity call at its deadline, deduplicated the same way. */
export function capacityCallCloseJobId(bidId: string, deadline: Date): string {
  assertJobIdPart(bidId);
  return `capacity-call-close-${bidId}-${deadline.getTime()}`;
}

/**
 * Who gets the reminder: for capacities, members who have not declared yet (invited, or accepted
 * without offers); for signatures, the parties who have not signed (complete data, not SIGNED).
 */
export function membersToRemind<T extends { readonly status: MemberStatus }>(
  kind: ReminderKind,
  members: readonly T[],
): T[] {
  const waiting: readonly MemberStatus[] =
    kind === 'CAPACITY' ? ['INVITED', 'ACCEPTED'] : ['DATA_COMPLETE'];
  return members.filter((member) => waiting.includes(member.status));
}

/**
 * The capacity call closes at a date to come, at the latest at the application deadline: the
 * members need time to declare, and the allocation comes before the bid is handed in.
 */
export function assertCapacityDeadline(
  deadline: Date | undefined,
  now: Date,
  applicationDeadline: Date,
): asserts deadline is Date {
  if (deadline && deadline > now && deadline <= applicationDeadline) return;
  const message =
    'L’appel à capacités se clôt à une date à venir, au plus tard à la date limite de ' +
    'remise des candidatures.';
  throw new DomainError(DomainErrorCode.INVALID_INPUT, message, [
    { path: 'capacityDeadline', code: 'INVALID_DEADLINE', message },
  ]);
}

import type { AuditChange } from '../audit/audit-chain';

/**
 * What a bid's live page is told when something of the bid changed: only what changed (the
 * audit event's kind and the ids it names), never a figure or a name. The page refetches what
 * it shows from the api, which applies the reader's rights; Postgres stays the only truth.
 */
export interface BidChangeEvent {
  /** The audit chain's sequence number of the change: increasing, one per change. */
  seq: string;
  bidId: string;
  /** The audit event's action, such as `member.offers_declared` or `allocation.voted`. */
  kind: string;
  entityType: string;
  /** The changed object's id, null when the reader may not know which one it is. */
  entityId: string | null;
}

/** The event of an audited change of a bid, or null for a change that names no bid. */
export function bidEventOf(seq: string, change: AuditChange): BidChangeEvent | null {
  if (!change.bidId) return null;
  return {
    seq,
    bidId: change.bidId,
    kind: change.action,
    entityType: change.entityType,
    entityId: change.entityId ?? null,
  };
}

/**
 * The event as one reader may see it. A reader who sees only its own members' offers (a member
 * of a bid whose transparency is ALLOCATION_ONLY) learns that a member changed, not which one,
 * unless it is one of its own.
 */
export function bidEventFor(
  event: BidChangeEvent,
  visibleMembers: 'ALL' | readonly string[],
): BidChangeEvent {
  if (visibleMembers === 'ALL' || event.entityType !== 'member' || event.entityId === null)
    return event;
  return visibleMembers.includes(event.entityId) ? event : { ...event, entityId: null };
}

/** One entry of a bid's history, as the audit chain keeps it. */
export interface BidHistoryEntry {
  seq: string;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Who acted, for a reader not told: the address would name the member. */
export const HIDDEN_ACTOR = 'masqué';

/**
 * The changes about the bid as a whole, whose details every reader of the bid reads elsewhere
 * anyway (its status, settings, tender and calendar). Any other action may carry a member's
 * figures (an order's parts, a drift alert, a declaration, a vote): listed here only once known
 * to carry none.
 */
const BID_WIDE_ACTIONS: ReadonlySet<string> = new Set([
  'bid.imported',
  'bid.transition',
  'bid.settings_changed',
  'bid.convention_settings_changed',
  'bid.corrigendum_applied',
  'bid.renewal_started',
  'bid.renewed',
  'charter.published',
  'allocation.requested',
  'contract.periods_set',
]);

/**
 * A history entry as one reader may see it. A reader who sees only its own members' figures
 * (under an ALLOCATION_ONLY transparency, or a member that left) reads whole the bid-wide changes
 * and its own members' entries; of any other it learns what was done and when, not by whom, on
 * which member, nor with what figures.
 */
export function historyEntryFor(
  entry: BidHistoryEntry,
  visibleMembers: 'ALL' | readonly string[],
): BidHistoryEntry {
  if (visibleMembers === 'ALL' || BID_WIDE_ACTIONS.has(entry.action)) return entry;
  const aboutMember = entry.entityType === 'member';
  if (aboutMember && entry.entityId !== null && visibleMembers.includes(entry.entityId)) {
    return entry;
  }
  return {
    ...entry,
    actor: HIDDEN_ACTOR,
    entityId: aboutMember ? null : entry.entityId,
    before: null,
    after: null,
  };
}

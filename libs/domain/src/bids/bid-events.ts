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

import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type AuditChange,
  type BidChangeEvent,
  type ChainHead,
  type ChainVerification,
  type ChainedEntry,
  at,
  GENESIS_HASH,
  bidEventOf,
  nextChainedEntry,
  verifyChain,
} from '@cordage/domain';
import { AuditLogRepository, BidEventsRepository } from '@cordage/persistence';

/** The audit log as the use cases write and verify it: the chain is the domain's, not SQL's. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly bidEvents: BidEventsRepository,
  ) {}

  /**
   * Appends inside the current unit of work: the entry exists if and only if the change does.
   * Why the chain stays correct under concurrent writers: `lockHead` takes a transaction-scoped
   * advisory lock before reading the head, and that lock is held until this transaction commits
   * or rolls back. The next entry (seq + 1, linked to the head's hash) is computed here by the
   * pure `nextChainedEntry` and written in the same transaction, still under the lock: no other
   * appender can read this head until the new entry is final, so each head has one successor.
   * A change of a bid is also announced to its live pages (kind and ids only), delivered by
   * Postgres when this transaction commits and never if it rolls back.
   */
  async append(actor: Actor, change: AuditChange): Promise<void> {
    const { head, now } = await this.log.lockHead();
    const entry = nextChainedEntry(head, now, actor, change);
    await this.log.insert(entry);
    const event = bidEventOf(entry.seq, change);
    if (event) await this.bidEvents.notify(event);
  }

  /**
   * Appends several changes in order, under one lock and in one write: each entry linked to the
   * one before it, as if appended one by one (a batch's events, e.g. a month's import member by
   * member). The live pages hear of each distinct change once, with the last entry's seq.
   */
  async appendAll(actor: Actor, changes: readonly AuditChange[]): Promise<void> {
    if (changes.length === 0) return;
    const { head, now } = await this.log.lockHead();
    const entries: ChainedEntry[] = [];
    let previous: ChainHead | null = head;
    for (const change of changes) {
      const entry = nextChainedEntry(previous, now, actor, change);
      entries.push(entry);
      previous = { seq: entry.seq, hash: entry.hash };
    }
    await this.log.insertMany(entries);
    const events = new Map<string, BidChangeEvent>();
    entries.forEach((entry, index) => {
      const event = bidEventOf(entry.seq, at(changes, index));
      if (event) events.set(`${event.bidId}\u0000${event.kind}\u0000${event.entityId}`, event);
    });
    await this.bidEvents.notifyAll([...events.values()]);
  }

  /** Re-computes the whole chain, a page at a time. */
  async verify(pageSize = 5_000): Promise<ChainVerification> {
    let start = { prevHash: GENESIS_HASH, seq: 0n };
    let checked = 0;
    for (;;) {
      const entries = await this.log.entriesAfter(start.seq, pageSize);
      const result = verifyChain(entries, start);
      if (!result.ok) return { ...result, checked: checked + result.checked };
      checked += result.checked;
      const last = entries.at(-1);
      if (!last || entries.length < pageSize)
        return { ok: true, checked, lastHash: result.lastHash };
      start = { prevHash: result.lastHash, seq: BigInt(last.seq) };
    }
  }
}

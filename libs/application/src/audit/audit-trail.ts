import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type AuditChange,
  type ChainVerification,
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

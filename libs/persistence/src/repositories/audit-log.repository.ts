import { Injectable } from '@nestjs/common';
import { LessThan, MoreThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  type Actor,
  type AuditEntry,
  type ChainVerification,
  type ChainedEntry,
  GENESIS_HASH,
  chainHash,
  verifyChain,
} from '@cordage/domain';
import { AuditEventEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | null;
  bidId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Serialises appends: the chain needs each entry's predecessor to be final. */
const AUDIT_LOCK = 7_242_001;

/** The value as jsonb will give it back (dates become strings, undefined disappears). */
function asStoredJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function toEntry(row: AuditEventEntity): ChainedEntry {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    bidId: row.bidId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The hash-chained, append-only history of every change. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * Appends inside the current unit of work: the entry exists if and only if the change does. The
   * advisory lock serialises appends until commit, so it needs a transaction: outside one it throws.
   */
  async append(actor: Actor, change: AuditChange): Promise<void> {
    if (!this.db.isTransactionActive()) {
      throw new Error("An audit entry is appended inside a use case's transaction.");
    }
    const manager = this.db.tx;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = await manager.findOne(AuditEventEntity, {
      select: { seq: true, hash: true },
      where: {},
      order: { seq: 'DESC' },
    });
    const [clock] = await manager.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    if (!clock) throw new Error('Postgres gave no clock_timestamp()');
    const entry: AuditEntry = {
      seq: String(BigInt(last?.seq ?? '0') + 1n),
      // Millisecond precision: what is hashed is exactly what Postgres gives back.
      occurredAt: new Date(clock.now.getTime()).toISOString(),
      actorUserId: actor.userId,
      actor: actor.label,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId ?? null,
      bidId: change.bidId ?? null,
      before: asStoredJson(change.before),
      after: asStoredJson(change.after),
      requestId: actor.requestId,
    };
    // Stored as given; jsonb normalises key order, so hashes use canonical JSON on both sides.
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row: AuditEventEntity = {
      ...entry,
      occurredAt: new Date(entry.occurredAt),
      prevHash,
      hash: chainHash(prevHash, entry),
    };
    await manager.insert(AuditEventEntity, row as QueryDeepPartialEntity<AuditEventEntity>);
  }

  /** Re-computes the whole chain, a page at a time. */
  async verify(pageSize = 5_000): Promise<ChainVerification> {
    let start = { prevHash: GENESIS_HASH, seq: 0n };
    let checked = 0;
    for (;;) {
      const rows = await this.db.tx.find(AuditEventEntity, {
        where: { seq: MoreThan(String(start.seq)) },
        order: { seq: 'ASC' },
        take: pageSize,
      });
      const result = verifyChain(rows.map(toEntry), start);
      if (!result.ok) return { ...result, checked: checked + result.checked };
      checked += result.checked;
      const lastRow = rows.at(-1);
      if (!lastRow || rows.length < pageSize)
        return { ok: true, checked, lastHash: result.lastHash };
      start = { prevHash: result.lastHash, seq: BigInt(lastRow.seq) };
    }
  }

  async forBid(
    bidId: string,
    page: { limit: number; beforeSeq?: string },
  ): Promise<ChainedEntry[]> {
    const rows = await this.db.tx.find(AuditEventEntity, {
      where: { bidId, ...(page.beforeSeq !== undefined && { seq: LessThan(page.beforeSeq) }) },
      order: { seq: 'DESC' },
      take: page.limit,
    });
    return rows.map(toEntry);
  }
}

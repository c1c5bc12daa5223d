import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Actor,
  type AuditEntry,
  type ChainVerification,
  type ChainedEntry,
  GENESIS_HASH,
  chainHash,
  verifyChain,
} from '@cordage/domain';

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

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  bid_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** The value as jsonb will give it back (dates become strings, undefined disappears). */
function asStoredJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function toEntry(row: AuditRow): ChainedEntry {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    bidId: row.bid_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The hash-chained, append-only history of every change. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction: the entry exists if and only if the change does. */
  async append(manager: EntityManager, actor: Actor, change: AuditChange): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const [last] = await manager.query<{ seq: string; hash: string }[]>(
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const [{ now }] = await manager.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    const entry: AuditEntry = {
      seq: String(BigInt(last?.seq ?? '0') + 1n),
      // Millisecond precision: what is hashed is exactly what Postgres gives back.
      occurredAt: new Date(now.getTime()).toISOString(),
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
    await manager.query(
      `INSERT INTO audit_events (seq, occurred_at, actor_user_id, actor, action, entity_type, entity_id,
         bid_id, before, after, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        entry.seq,
        entry.occurredAt,
        entry.actorUserId,
        entry.actor,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.bidId,
        JSON.stringify(entry.before),
        JSON.stringify(entry.after),
        entry.requestId,
        prevHash,
        chainHash(prevHash, entry),
      ],
    );
  }

  /** Appends in a transaction of its own (for events that change nothing else, like a login). */
  async record(actor: Actor, change: AuditChange): Promise<void> {
    await this.dataSource.transaction((manager) => this.append(manager, actor, change));
  }

  /** Re-computes the whole chain, a page at a time. */
  async verify(pageSize = 5_000): Promise<ChainVerification> {
    let start = { prevHash: GENESIS_HASH, seq: 0n };
    let checked = 0;
    for (;;) {
      const rows = await this.dataSource.query<AuditRow[]>(
        'SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [String(start.seq), pageSize],
      );
      const result = verifyChain(rows.map(toEntry), start);
      if (!result.ok) return { ...result, checked: checked + result.checked };
      checked += result.checked;
      if (rows.length < pageSize) return { ok: true, checked, lastHash: result.lastHash };
      start = { prevHash: result.lastHash, seq: BigInt(rows[rows.length - 1].seq) };
    }
  }

  async forBid(
    bidId: string,
    page: { limit: number; beforeSeq?: string },
  ): Promise<ChainedEntry[]> {
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT * FROM audit_events WHERE bid_id = $1 AND ($2::bigint IS NULL OR seq < $2)
       ORDER BY seq DESC LIMIT $3`,
      [bidId, page.beforeSeq ?? null, page.limit],
    );
    return rows.map(toEntry);
  }
}

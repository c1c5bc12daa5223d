import { Injectable } from '@nestjs/common';
import { LessThan, MoreThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type ChainHead, type ChainedEntry } from '@cordage/domain';
import { AuditEventEntity, UserEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export type { AuditChange } from '@cordage/domain';

/** Serialises appends: the chain needs each entry's predecessor to be final. */
const AUDIT_LOCK = 7_242_001;

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

/**
 * The hash-chained, append-only history of every change, as stored. The chain itself (what
 * follows what, and its hashes) is computed by the application's AuditTrail with the domain's
 * `nextChainedEntry`; this repository takes the lock, reads the head and writes what it is given.
 */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * Takes the append lock (a transaction-scoped advisory lock, held until commit) and reads the
   * chain's head and the clock under it. Until this transaction ends, no other appender can read
   * the same head: the entry written next in this transaction is the head's only successor.
   * Needs a transaction: outside one it throws.
   */
  async lockHead(): Promise<{ head: ChainHead | null; now: Date }> {
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
    return { head: last ? { seq: last.seq, hash: last.hash } : null, now: clock.now };
  }

  /** Writes an entry as given (after `lockHead`, in the same transaction). */
  async insert(entry: ChainedEntry): Promise<void> {
    await this.insertMany([entry]);
  }

  /** Writes entries as given, in one statement (after `lockHead`, in the same transaction). */
  async insertMany(entries: readonly ChainedEntry[]): Promise<void> {
    if (!this.db.isTransactionActive()) {
      throw new Error("An audit entry is appended inside a use case's transaction.");
    }
    if (entries.length === 0) return;
    const rows: AuditEventEntity[] = entries.map((entry) => ({
      ...entry,
      occurredAt: new Date(entry.occurredAt),
    }));
    // Chunks keep each statement under Postgres's 65,535 bind parameters.
    for (let start = 0; start < rows.length; start += 1_000) {
      await this.db.tx.insert(
        AuditEventEntity,
        rows.slice(start, start + 1_000) as QueryDeepPartialEntity<AuditEventEntity>[],
      );
    }
  }

  /** Up to `limit` entries after `seq`, in order: a page of the chain, for its verification. */
  async entriesAfter(seq: bigint, limit: number): Promise<ChainedEntry[]> {
    const rows = await this.db.tx.find(AuditEventEntity, {
      where: { seq: MoreThan(String(seq)) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toEntry);
  }

  /** When `action` was first recorded on this entity of the bid; null: never. */
  async firstRecorded(bidId: string, entityId: string, action: string): Promise<Date | null> {
    const row = await this.db.tx.findOne(AuditEventEntity, {
      where: { bidId, entityId, action },
      order: { seq: 'ASC' },
      select: { seq: true, occurredAt: true },
    });
    return row?.occurredAt ?? null;
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

  /**
   * What coordinators did for one member's subcontracting on its behalf (invited, withdrew, gave
   * or changed a subcontract), newest first: the entries marked `onBehalf` that name it.
   */
  async onBehalfOfPrincipal(
    bidId: string,
    principalId: string,
    limit: number,
  ): Promise<(ChainedEntry & { actorName: string | null })[]> {
    const rows = await this.db.tx
      .createQueryBuilder(AuditEventEntity, 'event')
      .leftJoin(UserEntity, 'author', 'author.id = event.actorUserId')
      .addSelect('author.displayName', 'actorName')
      .where('event.bidId = :bidId', { bidId })
      .andWhere("event.after ->> 'onBehalf' = 'true'")
      .andWhere(
        "(event.after ->> 'principalId' = :principalId OR event.after ->> 'subcontractorOf' = :principalId)",
        { principalId },
      )
      .orderBy('event.seq', 'DESC')
      .limit(limit)
      .getRawAndEntities();
    return rows.entities.map((row, index) => ({
      ...toEntry(row),
      actorName: (rows.raw[index] as { actorName: string | null } | undefined)?.actorName ?? null,
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxMessageEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export interface OutboxMessage {
  id: string;
  queueName: string;
  jobName: string;
  payload: Record<string, unknown>;
  /** The queue's job id, when not `id`: a deterministic one dedupes a job asked twice. */
  jobId?: string | null;
  /** Run the job at this time rather than now (a deadline, a reminder). */
  deliverAt?: Date | null;
}

@Injectable()
export class OutboxRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectDb() private readonly db: Db,
  ) {}

  /** Adds a message inside the current unit of work: it exists if and only if the request does. */
  async add(message: OutboxMessage): Promise<void> {
    if (!this.db.isTransactionActive()) {
      throw new Error("An outbox message is added inside a use case's transaction.");
    }
    const row: Omit<OutboxMessageEntity, 'createdAt' | 'publishedAt' | 'attempts' | 'lastError'> = {
      id: message.id,
      queueName: message.queueName,
      jobName: message.jobName,
      payload: message.payload,
      jobId: message.jobId ?? null,
      deliverAt: message.deliverAt ?? null,
    };
    // Typed above; TypeORM's deep-partial type cannot take an open jsonb record.
    await this.db.tx.insert(
      OutboxMessageEntity,
      row as QueryDeepPartialEntity<OutboxMessageEntity>,
    );
  }

  async findById(id: string): Promise<OutboxMessageEntity | null> {
    return this.dataSource.manager.findOneBy(OutboxMessageEntity, { id });
  }

  /**
   * Up to `limit` unpublished messages, oldest first, locked until the transaction ends (SKIP
   * LOCKED): two relays never take the same message at once. Inside the relay's unit of work only.
   */
  async lockUnpublished(limit: number): Promise<OutboxMessageEntity[]> {
    if (!this.db.isTransactionActive()) {
      throw new Error("Outbox messages are locked inside the relay's transaction.");
    }
    return this.db.tx
      .createQueryBuilder(OutboxMessageEntity, 'message')
      .where('message.published_at IS NULL')
      .orderBy('message.created_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Published: counted as an attempt, its last error cleared. */
  async markPublished(ids: readonly string[]): Promise<void> {
    // Raw SQL: `attempts + 1` over many rows; the query builder would set a constant.
    await this.db.tx.query(
      `UPDATE outbox_messages SET published_at = now(), attempts = attempts + 1, last_error = NULL
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Not published: the attempt is counted and its error kept; the next relay tries again. */
  async recordFailure(ids: readonly string[], error: string): Promise<void> {
    await this.db.tx.query(
      `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
      [ids, error],
    );
  }
}

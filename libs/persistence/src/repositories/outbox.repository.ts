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
   * Hands a batch of unpublished messages to `publish` and marks those it published. Rows stay
   * locked meanwhile (SKIP LOCKED), so two relays never publish the same message at once; a relay
   * that dies before marking leaves them for the next, and the queue's jobId dedupes the replay.
   */
  async relayBatch(
    publish: (messages: OutboxMessage[]) => Promise<void>,
    batchSize = 100,
  ): Promise<number> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const messages = await manager
        .createQueryBuilder(OutboxMessageEntity, 'message')
        .where('message.published_at IS NULL')
        .orderBy('message.created_at')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (messages.length === 0) return { published: 0 };
      const ids = messages.map((message) => message.id);
      try {
        await publish(messages);
      } catch (error) {
        // Recorded and committed (the failure is the information), then rethrown below.
        await manager.query(
          `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
          [ids, error instanceof Error ? error.message : String(error)],
        );
        return { published: 0, error };
      }
      await manager.query(
        `UPDATE outbox_messages SET published_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return { published: messages.length };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.published;
  }
}

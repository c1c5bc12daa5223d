import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { OutboxMessageEntity, OutgoingMailEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';
import { type OutstandingJob, outstandingJobOf } from './job-requests.repository';

export interface MailToSend {
  recipient: string;
  subject: string;
  body: string;
}

/** Mails waiting for the worker, and those it has sent (their bodies gone). */
@Injectable()
export class OutgoingMailsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * Stores a mail to send under `id`; false when a mail with the same dedupe key was already
   * stored (the unique index decides, so two transactions racing still store one).
   */
  async insert(id: string, mail: MailToSend, dedupeKey: string | null): Promise<boolean> {
    const inserted = await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(OutgoingMailEntity)
      .values({ id, ...mail, dedupeKey })
      .orIgnore()
      .returning('id')
      .execute();
    // RETURNING gives a row only for a mail really inserted (the id given would be echoed anyway).
    return (inserted.raw as unknown[]).length > 0;
  }

  /**
   * The mail if it is still to send, locked until the transaction ends: a second delivery of the
   * same mail waits, then finds it sent.
   */
  async lockUnsent(id: string): Promise<(MailToSend & { id: string }) | null> {
    const mail = await this.db.tx
      .createQueryBuilder(OutgoingMailEntity, 'mail')
      .where({ id, sentAt: IsNull() })
      .setLock('pessimistic_write')
      .getOne();
    return mail
      ? { id: mail.id, recipient: mail.recipient, subject: mail.subject, body: mail.body ?? '' }
      : null;
  }

  /** Sent: the body goes, since it may hold a login link or a signing code. */
  async markSent(id: string): Promise<void> {
    await this.db.tx.update(OutgoingMailEntity, { id }, { sentAt: () => 'now()', body: null });
  }

  /**
   * The jobs of the mails not sent yet whose outbox message was handed to Redis: Redis may have
   * lost them (a restart without persistence); Postgres has not. Messages not yet published are
   * the relay's.
   */
  async waitingJobs(): Promise<OutstandingJob[]> {
    const messages = await this.db.tx
      .createQueryBuilder(OutboxMessageEntity, 'message')
      .innerJoin(OutgoingMailEntity, 'mail', 'mail.id = message.id')
      .where('message.publishedAt IS NOT NULL')
      .andWhere('mail.sentAt IS NULL')
      .orderBy('message.createdAt')
      .getMany();
    return messages.map(outstandingJobOf);
  }
}

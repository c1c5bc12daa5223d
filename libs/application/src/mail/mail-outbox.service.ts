import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  OutboxRepository,
  OutgoingMailsRepository,
  Propagation,
  Transactional,
} from '@cordage/persistence';
import { JobName, type JobPayload } from '@cordage/queue';
import { jobMessage } from '../jobs/job-message';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface OutgoingMailOptions {
  /** Names a mail to queue once only, however often it is asked (a reminder per person and deadline). */
  dedupeKey?: string;
}

/**
 * Every mail leaves through here, never from inside a request: the mail and the `mail.send` job
 * that sends it are written in the calling use case's transaction, so a mail goes out if and only
 * if what it tells about happened. The worker sends it, retried, once.
 */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly mails: OutgoingMailsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Queues the mail; false when its dedupe key had already queued one. */
  @Transactional(Propagation.Mandatory)
  async send(mail: OutgoingMail, options: OutgoingMailOptions = {}): Promise<boolean> {
    const id = randomUUID();
    const stored = await this.mails.insert(
      id,
      { recipient: mail.to, subject: mail.subject, body: mail.text },
      options.dedupeKey ?? null,
    );
    if (!stored) return false;
    const payload: JobPayload<JobName.MAIL_SEND> = { mailId: id };
    // The mail's id is the job's: the reconciler finds the job of a mail still unsent.
    await this.outbox.add(jobMessage(JobName.MAIL_SEND, id, payload));
    return true;
  }
}

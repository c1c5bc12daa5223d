import { Injectable } from '@nestjs/common';
import { Mailer } from '@cordage/mail';
import { OutgoingMailsRepository, Transactional } from '@cordage/persistence';

/**
 * Sends one queued mail, once: its row stays locked while it goes out, so a job replayed meanwhile
 * waits and then finds it sent. A failed send rolls back and leaves it for the job's retry.
 */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly mails: OutgoingMailsRepository,
    private readonly mailer: Mailer,
  ) {}

  /** False when there was nothing to send (already sent, or gone). */
  @Transactional()
  async deliver(mailId: string): Promise<boolean> {
    const mail = await this.mails.lockUnsent(mailId);
    if (!mail) return false;
    await this.mailer.send({ to: mail.recipient, subject: mail.subject, text: mail.body });
    await this.mails.markSent(mailId);
    return true;
  }
}

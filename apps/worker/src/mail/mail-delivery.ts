import { Injectable } from '@nestjs/common';
import { Mailer } from '@cordage/mail';
import { MailLogRepository, OutgoingMailsRepository, Transactional } from '@cordage/persistence';

/**
 * Sends one queued mail, once: its row stays locked while it goes out, so a job replayed meanwhile
 * waits and then finds it sent. A failed send rolls back and leaves it for the job's retry. In the
 * demo (MAIL_MODE=log) the mail is kept for the platform admins' page instead, in the same
 * transaction: a mail is in the demo mailbox if and only if it counts as sent.
 */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly mails: OutgoingMailsRepository,
    private readonly mailer: Mailer,
    private readonly mailLog: MailLogRepository,
  ) {}

  /** False when there was nothing to send (already sent, or gone). */
  @Transactional()
  async deliver(mailId: string): Promise<boolean> {
    const mail = await this.mails.lockUnsent(mailId);
    if (!mail) return false;
    const outcome = await this.mailer.send({
      to: mail.recipient,
      subject: mail.subject,
      text: mail.body,
    });
    if (outcome === 'logged')
      await this.mailLog.add({ recipient: mail.recipient, subject: mail.subject, body: mail.body });
    await this.mails.markSent(mailId);
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { MailLogRepository } from '@cordage/persistence';

/** The mails kept instead of sent in demo mode, for administrators to read. */
@Injectable()
export class DemoMailboxQueries {
  constructor(private readonly mailLog: MailLogRepository) {}

  async latest(limit: number) {
    const mails = await this.mailLog.latest(limit);
    return mails.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() }));
  }
}

import { Injectable } from '@nestjs/common';
import { MailLogEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** The demo's mailbox (MAIL_MODE=log), shown to platform admins. */
@Injectable()
export class MailLogRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Kept in the delivery's transaction: a mail is in the mailbox if and only if it counts as sent. */
  async add(mail: { recipient: string; subject: string; body: string }): Promise<void> {
    await this.db.tx.insert(MailLogEntity, mail);
  }

  async latest(limit: number): Promise<MailLogEntity[]> {
    return this.db.tx.find(MailLogEntity, {
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }
}

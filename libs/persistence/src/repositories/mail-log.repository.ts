import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailLogEntity } from '../entities';

/** The demo's outbox of mails (MAIL_MODE=log), shown to platform admins. */
@Injectable()
export class MailLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(mail: { recipient: string; subject: string; body: string }): Promise<void> {
    await this.dataSource.manager.insert(MailLogEntity, mail);
  }

  async latest(limit: number): Promise<MailLogEntity[]> {
    return this.dataSource.manager.find(MailLogEntity, {
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }
}

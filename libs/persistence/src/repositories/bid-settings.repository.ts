import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor, Transparency } from '@cordage/domain';
import { BidEntity } from '../entities';
import { AuditLogRepository } from './audit-log.repository';

/** The settings a bid's coordinators change. */
@Injectable()
export class BidSettingsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
  ) {}

  async setTransparency(bidId: string, transparency: Transparency, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const bid = await manager.findOneOrFail(BidEntity, {
        where: { id: bidId },
        lock: { mode: 'pessimistic_write' },
      });
      if (bid.transparency === transparency) return;
      await manager.update(BidEntity, { id: bidId }, { transparency });
      await this.audit.append(manager, actor, {
        action: 'bid.settings_changed',
        entityType: 'bid',
        entityId: bidId,
        bidId,
        before: { transparency: bid.transparency },
        after: { transparency },
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Actor,
  type ConventionSettings,
  type ConventionSettingsInput,
  type Transparency,
  conventionSettingsSchema,
} from '@cordage/domain';
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
      await this.audit.appendWith(manager, actor, {
        action: 'bid.settings_changed',
        entityType: 'bid',
        entityId: bidId,
        bidId,
        before: { transparency: bid.transparency },
        after: { transparency },
      });
    });
  }

  /** The convention's parameters in force: the coordinators' choices over the template's defaults. */
  async conventionSettings(bidId: string): Promise<ConventionSettings | null> {
    const bid = await this.dataSource.manager.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, conventionSettings: true },
    });
    return bid ? conventionSettingsSchema.parse(bid.conventionSettings) : null;
  }

  /** Changes some of the convention's parameters; the others keep their value. */
  async changeConventionSettings(
    bidId: string,
    change: ConventionSettingsInput,
    actor: Actor,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const bid = await manager.findOneOrFail(BidEntity, {
        where: { id: bidId },
        lock: { mode: 'pessimistic_write' },
      });
      const after = { ...bid.conventionSettings, ...change };
      conventionSettingsSchema.parse(after); // the api validated the change; the whole must hold too
      await manager.update(BidEntity, { id: bidId }, { conventionSettings: after });
      await this.audit.appendWith(manager, actor, {
        action: 'bid.convention_settings_changed',
        entityType: 'bid',
        entityId: bidId,
        bidId,
        before: bid.conventionSettings,
        after,
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ConventionSettingsInput,
  DomainError,
  DomainErrorCode,
  type Transparency,
  assertConventionSettingsFitDates,
  conventionSettingsSchema,
} from '@cordage/domain';
import { AuditLogRepository, BidSettingsRepository, Transactional } from '@cordage/persistence';

/** The settings a bid's coordinators change, all or nothing. */
@Injectable()
export class BidSettingsService {
  constructor(
    private readonly settings: BidSettingsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  @Transactional()
  async change(
    bidId: string,
    change: { transparency?: Transparency; convention?: ConventionSettingsInput },
    actor: Actor,
  ): Promise<void> {
    const bid = await this.settings.lock(bidId);
    if (!bid) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    if (change.transparency && change.transparency !== bid.transparency) {
      await this.settings.setTransparency(bidId, change.transparency);
      await this.audit.append(actor, {
        action: 'bid.settings_changed',
        entityType: 'bid',
        entityId: bidId,
        bidId,
        before: { transparency: bid.transparency },
        after: { transparency: change.transparency },
      });
    }
    if (change.convention) {
      const after = { ...bid.conventionSettings, ...change.convention };
      // The api validated the change; the whole must hold too, and fit the bid's dates today.
      assertConventionSettingsFitDates(
        conventionSettingsSchema.parse(after),
        bid.dates,
        new Date(),
      );
      await this.settings.setConventionSettings(bidId, after);
      await this.audit.append(actor, {
        action: 'bid.convention_settings_changed',
        entityType: 'bid',
        entityId: bidId,
        bidId,
        before: bid.conventionSettings,
        after,
      });
    }
  }
}

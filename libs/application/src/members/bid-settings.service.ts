import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ConventionSettingsChange,
  DomainError,
  DomainErrorCode,
  type Transparency,
  applyConventionSettingsChange,
  assertDecisionRuleChangeable,
  conventionSettingsSchema,
} from '@cordage/domain';
import { BidSettingsRepository, Transactional } from '@cordage/persistence';
import { AuditTrail } from '../audit';

/** The settings a bid's coordinators change, all or nothing. */
@Injectable()
export class BidSettingsService {
  constructor(
    private readonly settings: BidSettingsRepository,
    private readonly audit: AuditTrail,
  ) {}

  @Transactional()
  async change(
    bidId: string,
    change: { transparency?: Transparency; convention?: ConventionSettingsChange },
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
      // The api validated the change; the whole must hold too, and fit the bid's dates today.
      const { input: after, settings } = applyConventionSettingsChange(
        bid.conventionSettings,
        change.convention,
        bid.dates,
        new Date(),
      );
      // How the members decide changes only while no vote is open or decided.
      assertDecisionRuleChangeable(
        bid.status,
        conventionSettingsSchema.parse(bid.conventionSettings),
        settings,
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

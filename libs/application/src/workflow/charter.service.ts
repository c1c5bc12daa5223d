import { Injectable } from '@nestjs/common';
import { type Actor, type CharterVersion, assertAcceptingCurrentCharter } from '@cordage/domain';
import { ChartersRepository, Transactional } from '@cordage/persistence';
import { AuditTrail } from '../audit';

/** The network's charter: published in versions, accepted by each member's organisation. */
@Injectable()
export class CharterService {
  constructor(
    private readonly charters: ChartersRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** A new version: every member accepts it again before declaring. */
  @Transactional()
  async publish(
    networkId: string,
    charter: Omit<CharterVersion, 'version'>,
    actor: Actor,
  ): Promise<number> {
    await this.charters.lockNetwork(networkId);
    const version = ((await this.charters.current(networkId))?.version ?? 0) + 1;
    const id = await this.charters.insert(networkId, { ...charter, version }, actor.userId);
    await this.audit.append(actor, {
      action: 'charter.published',
      entityType: 'charter',
      entityId: id,
      after: { networkId, version, title: charter.title },
    });
    return version;
  }

  /** Accepts the version in force; accepting it twice records it once. */
  @Transactional()
  async accept(
    networkId: string,
    organisationId: string,
    version: number,
    actor: Actor,
    bidId: string,
  ): Promise<void> {
    const current = await this.charters.current(networkId);
    assertAcceptingCurrentCharter(current, version);
    if (!current) return;
    if (!(await this.charters.addAcceptance(current.id, organisationId, actor.userId))) return;
    await this.audit.append(actor, {
      action: 'charter.accepted',
      entityType: 'charter',
      entityId: current.id,
      bidId,
      after: { organisationId, version },
    });
  }

  /** Every version, newest first: its text, who published it, who accepted it and when. */
  async versions(networkId: string) {
    return this.charters.versions(networkId);
  }

  /** The version in force and the latest version each organisation accepted. */
  async standing(networkId: string, organisationIds: string[]) {
    return {
      current: await this.charters.current(networkId),
      accepted: await this.charters.acceptedVersions(networkId, organisationIds),
    };
  }
}

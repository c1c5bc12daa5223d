import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { CharterVersion } from '@cordage/domain';
import { CharterAcceptanceEntity, CharterEntity, NetworkEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** Networks' charters, versioned, and the organisations' acceptances. */
@Injectable()
export class ChartersRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async current(networkId: string): Promise<(CharterVersion & { id: string }) | null> {
    return this.db.tx.findOne(CharterEntity, {
      where: { networkId },
      order: { version: 'DESC' },
      select: { id: true, version: true, title: true, text: true },
    });
  }

  /** Holds the network's row until commit: two publications never take the same number. */
  async lockNetwork(networkId: string): Promise<void> {
    await this.db.tx
      .createQueryBuilder(NetworkEntity, 'network')
      .select('network.id')
      .where('network.id = :networkId', { networkId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(
    networkId: string,
    charter: CharterVersion,
    createdBy: string | null,
  ): Promise<string> {
    const { identifiers } = await this.db.tx.insert(CharterEntity, {
      networkId,
      ...charter,
      createdBy,
    });
    return String(identifiers[0]?.id);
  }

  /** Records an acceptance; false when this organisation had already accepted that version. */
  async addAcceptance(charterId: string, organisationId: string, userId: string | null) {
    const inserted = await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(CharterAcceptanceEntity)
      .values({ charterId, organisationId, userId })
      .orIgnore()
      .execute();
    return inserted.identifiers.some((identifier) => identifier !== undefined);
  }

  /** The latest version each organisation accepted (absent: none). */
  async acceptedVersions(
    networkId: string,
    organisationIds: string[],
  ): Promise<Map<string, number>> {
    const rows = await this.db.tx
      .createQueryBuilder(CharterAcceptanceEntity, 'acceptance')
      .innerJoin(CharterEntity, 'charter', 'charter.id = acceptance.charterId')
      .select('acceptance.organisationId', 'organisationId')
      .addSelect('max(charter.version)::int', 'version')
      .where('charter.networkId = :networkId', { networkId })
      .andWhere({ organisationId: In(organisationIds) })
      .groupBy('acceptance.organisationId')
      .getRawMany<{ organisationId: string; version: number }>();
    return new Map(rows.map((row) => [row.organisationId, row.version]));
  }
}

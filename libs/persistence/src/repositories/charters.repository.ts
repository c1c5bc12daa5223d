import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { CharterVersion } from '@cordage/domain';
import {
  CharterAcceptanceEntity,
  CharterEntity,
  NetworkEntity,
  OrganisationEntity,
  UserEntity,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** One version as its history shows it: who published it and who accepted it, by name. */
export interface CharterVersionRecord {
  version: number;
  title: string;
  text: string;
  publishedAt: Date;
  publishedBy: string | null;
  acceptances: {
    organisationId: string;
    organisationName: string;
    acceptedBy: string | null;
    acceptedAt: Date;
  }[];
}

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

  /** Every version of the network's charter, newest first, with its acceptances (oldest first). */
  async versions(networkId: string): Promise<CharterVersionRecord[]> {
    const charters = await this.db.tx
      .createQueryBuilder(CharterEntity, 'charter')
      .leftJoin(UserEntity, 'author', 'author.id = charter.createdBy')
      .select('charter.id', 'id')
      .addSelect('charter.version', 'version')
      .addSelect('charter.title', 'title')
      .addSelect('charter.text', 'text')
      .addSelect('charter.createdAt', 'publishedAt')
      .addSelect('author.displayName', 'publishedBy')
      .where('charter.networkId = :networkId', { networkId })
      .orderBy('charter.version', 'DESC')
      .getRawMany<Omit<CharterVersionRecord, 'acceptances'> & { id: string }>();
    if (charters.length === 0) return [];
    const acceptances = await this.db.tx
      .createQueryBuilder(CharterAcceptanceEntity, 'acceptance')
      .innerJoin(OrganisationEntity, 'organisation', 'organisation.id = acceptance.organisationId')
      .leftJoin(UserEntity, 'person', 'person.id = acceptance.userId')
      .select('acceptance.charterId', 'charterId')
      .addSelect('acceptance.organisationId', 'organisationId')
      .addSelect('organisation.legalName', 'organisationName')
      .addSelect('person.displayName', 'acceptedBy')
      .addSelect('acceptance.acceptedAt', 'acceptedAt')
      .where({ charterId: In(charters.map((charter) => charter.id)) })
      .orderBy('acceptance.acceptedAt', 'ASC')
      .addOrderBy('organisation.legalName', 'ASC')
      .getRawMany<CharterVersionRecord['acceptances'][number] & { charterId: string }>();
    return charters.map(({ id, ...charter }) => ({
      ...charter,
      acceptances: acceptances
        .filter((acceptance) => acceptance.charterId === id)
        .map(({ organisationId, organisationName, acceptedBy, acceptedAt }) => ({
          organisationId,
          organisationName,
          acceptedBy,
          acceptedAt,
        })),
    }));
  }
}

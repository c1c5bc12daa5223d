import { Injectable } from '@nestjs/common';
import type { AllocationResult } from '@cordage/domain';
import { In } from 'typeorm';
import { type AllocationOverrideRecord, AllocationVersionEntity, MemberEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export interface AllocationVersionSummary {
  number: number;
  kind: AllocationVersionEntity['kind'];
  /** For an override: the number of the version changed. */
  basedOn: number | null;
  createdAt: Date;
  override: AllocationOverrideRecord | null;
  optima: AllocationResult['optima'];
  /** The number of the corrigendum that outdated it, and why; null while it fits the tender. */
  outdatedBy: number | null;
  outdatedReason: string | null;
}

export interface NewVersion {
  bidId: string;
  inputHash: string;
  result: AllocationResult;
  /** For an override: the version changed and what changed. */
  basedOn?: string;
  override?: AllocationOverrideRecord;
}

/** The versions of a bid's allocation; a version is never changed once written. */
@Injectable()
export class AllocationsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async latest(bidId: string): Promise<AllocationVersionEntity | null> {
    return this.db.tx.findOne(AllocationVersionEntity, {
      where: { bidId },
      order: { number: 'DESC' },
    });
  }

  /** The latest computed (not overridden) version: what an unchanged re-run would give again. */
  async latestRun(bidId: string): Promise<AllocationVersionEntity | null> {
    return this.db.tx.findOne(AllocationVersionEntity, {
      where: { bidId, kind: 'RUN' },
      order: { number: 'DESC' },
    });
  }

  async findById(id: string): Promise<AllocationVersionEntity | null> {
    return this.db.tx.findOneBy(AllocationVersionEntity, { id });
  }

  /** The keys (as the allocation names them) of these members of the bid. */
  async memberKeys(bidId: string, memberIds: readonly string[]): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const members = await this.db.tx.find(MemberEntity, {
      select: { key: true },
      where: { bidId, id: In([...memberIds]) },
    });
    return members.map((member) => member.key);
  }

  async find(bidId: string, number: number): Promise<AllocationVersionEntity | null> {
    return this.db.tx.findOneBy(AllocationVersionEntity, { bidId, number });
  }

  /** Every version of a bid, newest first, with its optima but not its (large) result. */
  async list(bidId: string): Promise<AllocationVersionSummary[]> {
    return this.db.tx
      .createQueryBuilder(AllocationVersionEntity, 'version')
      .leftJoin(AllocationVersionEntity, 'base', 'base.id = version.basedOn')
      .select('version.number', 'number')
      .addSelect('version.kind', 'kind')
      .addSelect('base.number', 'basedOn')
      .addSelect('version.createdAt', 'createdAt')
      .addSelect('version.override', 'override')
      .addSelect(`version.result -> 'optima'`, 'optima')
      .leftJoin('version.outdatedBy', 'corrigendum')
      .addSelect('corrigendum.number', 'outdatedBy')
      .addSelect('version.outdatedReason', 'outdatedReason')
      .where('version.bidId = :bidId', { bidId })
      .orderBy('version.number', 'DESC')
      .getRawMany<AllocationVersionSummary>();
  }

  /** The number of a version, known by its id. */
  async numberOf(versionId: string): Promise<number | null> {
    const version = await this.db.tx.findOne(AllocationVersionEntity, {
      where: { id: versionId },
      select: { number: true },
    });
    return version?.number ?? null;
  }

  /** The bid's next version; the caller holds the bid's lock. */
  async insertVersion(
    version: NewVersion,
    createdBy: string | null,
  ): Promise<AllocationVersionEntity> {
    const last = await this.db.tx
      .createQueryBuilder(AllocationVersionEntity, 'version')
      .select('coalesce(max(version.number), 0)', 'number')
      .where('version.bidId = :bidId', { bidId: version.bidId })
      .getRawOne<{ number: number }>();
    const { identifiers } = await this.db.tx.insert(AllocationVersionEntity, {
      bidId: version.bidId,
      number: (last?.number ?? 0) + 1,
      kind: version.override ? 'OVERRIDE' : 'RUN',
      inputHash: version.inputHash,
      basedOn: version.basedOn ?? null,
      result: version.result as never,
      override: (version.override ?? null) as never,
      createdBy,
    });
    return this.db.tx.findOneByOrFail(AllocationVersionEntity, {
      id: String(identifiers[0]?.id),
    });
  }
}

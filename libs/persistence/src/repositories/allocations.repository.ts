import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, AllocationResult, Problem } from '@cordage/domain';
import {
  type AllocationOverrideRecord,
  AllocationRunEntity,
  AllocationVersionEntity,
} from '../entities';
import { AuditLogRepository } from './audit-log.repository';

export interface AllocationVersionSummary {
  number: number;
  kind: AllocationVersionEntity['kind'];
  /** For an override: the number of the version changed. */
  basedOn: number | null;
  createdAt: Date;
  override: AllocationOverrideRecord | null;
  optima: AllocationResult['optima'];
}

export interface NewVersion {
  bidId: string;
  inputHash: string;
  result: AllocationResult;
  /** For a run: the run it completes, marked done in the same transaction. */
  runId?: string;
  /** For an override: the version changed and what changed. */
  basedOn?: string;
  override?: AllocationOverrideRecord;
}

/** Allocation runs and the versions they produce; versions are never changed once written. */
@Injectable()
export class AllocationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
  ) {}

  async createRun(
    manager: EntityManager,
    run: { id: string; bidId: string; requestedBy: string | null; requestId: string | null },
  ): Promise<void> {
    await manager.insert(AllocationRunEntity, { ...run, status: 'PENDING' });
  }

  async findRun(id: string): Promise<AllocationRunEntity | null> {
    return this.dataSource.manager.findOneBy(AllocationRunEntity, { id });
  }

  async latest(bidId: string): Promise<AllocationVersionEntity | null> {
    return this.dataSource.manager.findOne(AllocationVersionEntity, {
      where: { bidId },
      order: { number: 'DESC' },
    });
  }

  /** The latest computed (not overridden) version: what an unchanged re-run would give again. */
  async latestRun(bidId: string): Promise<AllocationVersionEntity | null> {
    return this.dataSource.manager.findOne(AllocationVersionEntity, {
      where: { bidId, kind: 'RUN' },
      order: { number: 'DESC' },
    });
  }

  async findById(id: string): Promise<AllocationVersionEntity | null> {
    return this.dataSource.manager.findOneBy(AllocationVersionEntity, { id });
  }

  async find(bidId: string, number: number): Promise<AllocationVersionEntity | null> {
    return this.dataSource.manager.findOneBy(AllocationVersionEntity, { bidId, number });
  }

  /** Every version of a bid, newest first, with its optima but not its (large) result. */
  async list(bidId: string): Promise<AllocationVersionSummary[]> {
    const rows = await this.dataSource.query<
      {
        number: number;
        kind: AllocationVersionEntity['kind'];
        based_on: number | null;
        created_at: Date;
        override: AllocationOverrideRecord | null;
        optima: AllocationResult['optima'];
      }[]
    >(
      `SELECT v.number, v.kind, b.number AS based_on, v.created_at, v.override, v.result -> 'optima' AS optima
       FROM allocation_versions v LEFT JOIN allocation_versions b ON b.id = v.based_on
       WHERE v.bid_id = $1 ORDER BY v.number DESC`,
      [bidId],
    );
    return rows.map((row) => ({
      number: row.number,
      kind: row.kind,
      basedOn: row.based_on,
      createdAt: row.created_at,
      override: row.override,
      optima: row.optima,
    }));
  }

  /** The number of a version, known by its id. */
  async numberOf(versionId: string): Promise<number | null> {
    const version = await this.dataSource.manager.findOne(AllocationVersionEntity, {
      where: { id: versionId },
      select: { number: true },
    });
    return version?.number ?? null;
  }

  /** Adds the next version of the bid (numbers are taken under a lock on the bid: no gaps, no twins). */
  async addVersion(version: NewVersion, actor: Actor): Promise<AllocationVersionEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [version.bidId]);
      const [{ next }] = await manager.query<{ next: number }[]>(
        'SELECT coalesce(max(number), 0) + 1 AS next FROM allocation_versions WHERE bid_id = $1',
        [version.bidId],
      );
      const { identifiers } = await manager.insert(AllocationVersionEntity, {
        bidId: version.bidId,
        number: next,
        kind: version.override ? 'OVERRIDE' : 'RUN',
        inputHash: version.inputHash,
        basedOn: version.basedOn ?? null,
        result: version.result as never,
        override: (version.override ?? null) as never,
        createdBy: actor.userId,
      });
      const id = identifiers[0].id as string;
      if (version.runId) await this.finishRun(manager, version.runId, 'DONE', id);
      await this.audit.append(manager, actor, {
        action: version.override ? 'allocation.overridden' : 'allocation.computed',
        entityType: 'allocation_version',
        entityId: id,
        bidId: version.bidId,
        after: {
          number: next,
          optima: version.result.optima,
          ...(version.override && { override: version.override }),
        },
      });
      return manager.findOneByOrFail(AllocationVersionEntity, { id });
    });
  }

  async markUnchanged(runId: string, versionId: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.finishRun(manager, runId, 'UNCHANGED', versionId),
    );
  }

  async markFailed(runId: string, failure: { code: string; message: string; problems: Problem[] }) {
    await this.dataSource.manager.update(
      AllocationRunEntity,
      { id: runId, status: 'PENDING' },
      { status: 'FAILED', failure, finishedAt: () => 'now()' },
    );
  }

  private async finishRun(
    manager: EntityManager,
    runId: string,
    status: 'DONE' | 'UNCHANGED',
    versionId: string,
  ): Promise<void> {
    await manager.update(
      AllocationRunEntity,
      { id: runId },
      { status, versionId, finishedAt: () => 'now()' },
    );
  }
}

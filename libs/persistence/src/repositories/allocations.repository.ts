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

  /**
   * Records a request to allocate the bid as it is now (`inputHash`), unless one for the same
   * input is still waiting: then that one is the answer (a double click makes one run). The
   * partial unique index decides, not a read before the write. Returns the run's id and whether
   * it is new (only a new one needs a job).
   */
  async createRun(
    manager: EntityManager,
    run: {
      id: string;
      bidId: string;
      inputHash: string;
      requestedBy: string | null;
      requestId: string | null;
    },
  ): Promise<{ id: string; created: boolean }> {
    // The waiting twin may finish between the conflict and the read: then insert again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO allocation_runs (id, bid_id, input_hash, status, requested_by, request_id)
         VALUES ($1, $2, $3, 'PENDING', $4, $5)
         ON CONFLICT (bid_id, input_hash) WHERE status = 'PENDING' DO NOTHING RETURNING id`,
        [run.id, run.bidId, run.inputHash, run.requestedBy, run.requestId],
      );
      if (inserted.length > 0) return { id: run.id, created: true };
      const [waiting] = await manager.query<{ id: string }[]>(
        `SELECT id FROM allocation_runs WHERE bid_id = $1 AND input_hash = $2 AND status = 'PENDING'`,
        [run.bidId, run.inputHash],
      );
      if (waiting) return { id: waiting.id, created: false };
    }
    throw new Error(`allocation run for bid ${run.bidId} neither inserted nor found`);
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
  async latestRun(
    bidId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AllocationVersionEntity | null> {
    return manager.findOne(AllocationVersionEntity, {
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

  /** Adds an overriding version of the bid. */
  async addVersion(version: NewVersion, actor: Actor): Promise<AllocationVersionEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [version.bidId]);
      return this.insertVersion(manager, version, actor);
    });
  }

  /** The next version of the bid; the caller holds the bid's lock (no gaps, no twins). */
  private async insertVersion(
    manager: EntityManager,
    version: NewVersion,
    actor: Actor,
  ): Promise<AllocationVersionEntity> {
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
    await this.audit.appendWith(manager, actor, {
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
  }

  /**
   * Completes a run with what the engine computed, once whatever the retries or twin jobs: the
   * run is claimed by a conditional update (PENDING to DONE) under the bid's lock, and a result
   * for the same input as the latest computed version makes no new version (the run is marked
   * UNCHANGED). A run already finished returns the version it gave.
   */
  async completeRun(
    runId: string,
    version: Omit<NewVersion, 'basedOn' | 'override'>,
    actor: Actor,
  ): Promise<{ version: AllocationVersionEntity; outcome: 'CREATED' | 'UNCHANGED' | 'DONE' }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [version.bidId]);
      const [claimed] = await manager.query<{ id: string }[]>(
        `UPDATE allocation_runs SET status = 'DONE', finished_at = now()
         WHERE id = $1 AND status = 'PENDING' RETURNING id`,
        [runId],
      );
      if (!claimed) {
        const run = await manager.findOneByOrFail(AllocationRunEntity, { id: runId });
        if (!run.versionId) throw new Error(`allocation run ${runId} is ${run.status}`);
        const done = await manager.findOneByOrFail(AllocationVersionEntity, { id: run.versionId });
        return { version: done, outcome: 'DONE' };
      }
      const latest = await this.latestRun(version.bidId, manager);
      if (latest && latest.inputHash === version.inputHash) {
        await this.finishRun(manager, runId, 'UNCHANGED', latest.id);
        return { version: latest, outcome: 'UNCHANGED' };
      }
      const created = await this.insertVersion(manager, version, actor);
      await this.finishRun(manager, runId, 'DONE', created.id);
      return { version: created, outcome: 'CREATED' };
    });
  }

  /** Marks a run UNCHANGED if it still waits; false when a twin job had finished it. */
  async markUnchanged(runId: string, versionId: string): Promise<boolean> {
    const { affected } = await this.dataSource.manager.update(
      AllocationRunEntity,
      { id: runId, status: 'PENDING' },
      { status: 'UNCHANGED', versionId, finishedAt: () => 'now()' },
    );
    return affected === 1;
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

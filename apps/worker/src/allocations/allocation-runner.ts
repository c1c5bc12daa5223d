import { Injectable, Logger } from '@nestjs/common';
import { type ProgressReporter, isDomainError, scenarioHash } from '@cordage/domain';
import { AllocationsRepository, BidScenarioRepository } from '@cordage/persistence';
import { CpuPool } from '../cpu/cpu-pool';

export interface AllocationRunOutcome {
  versionId: string;
  number: number;
  /** True when the bid had not changed since the latest version: no new version was made. */
  unchanged: boolean;
}

/** Thrown when a run can never succeed as asked (invalid data): the job is not retried. */
export class AllocationRefused extends Error {}

/**
 * Allocates a bid: its data as a scenario file, the same engine as `cordage allocate`, and a new
 * version unless nothing changed since the latest one.
 */
@Injectable()
export class AllocationRunner {
  private readonly logger = new Logger(AllocationRunner.name);

  constructor(
    private readonly cpu: CpuPool,
    private readonly scenarios: BidScenarioRepository,
    private readonly allocations: AllocationsRepository,
  ) {}

  async run(runId: string, onProgress: ProgressReporter): Promise<AllocationRunOutcome> {
    const run = await this.allocations.findRun(runId);
    if (!run) throw new AllocationRefused(`allocation run ${runId} does not exist`);
    if (run.status === 'FAILED') throw new AllocationRefused(run.failure?.message ?? 'run failed');
    if (run.status !== 'PENDING' && run.versionId) {
      // A retried job: the work is done, report it again.
      return {
        versionId: run.versionId,
        number: (await this.allocations.numberOf(run.versionId)) ?? 0,
        unchanged: run.status === 'UNCHANGED',
      };
    }
    const scenario = await this.scenarios.exportScenario(run.bidId);
    if (!scenario) throw new AllocationRefused(`bid ${run.bidId} does not exist`);
    const inputHash = scenarioHash(scenario);
    const latest = await this.allocations.latestRun(run.bidId);
    if (latest && latest.inputHash === inputHash) {
      // A twin job finished the run meanwhile: report what it did.
      if (!(await this.allocations.markUnchanged(runId, latest.id))) {
        return this.run(runId, onProgress);
      }
      await onProgress(100, 'unchanged');
      return { versionId: latest.id, number: latest.number, unchanged: true };
    }
    try {
      // Solved in a worker thread: this event loop keeps renewing the job's lock meanwhile.
      const result = await this.cpu.run('allocate', { scenario }, onProgress);
      await onProgress(95, 'saving');
      const { version, outcome } = await this.allocations.completeRun(
        runId,
        { bidId: run.bidId, inputHash, result },
        { userId: run.requestedBy, label: 'worker', requestId: run.requestId },
      );
      await onProgress(100, outcome === 'UNCHANGED' ? 'unchanged' : 'done');
      this.logger.log(
        { runId, bidId: run.bidId, version: version.number, outcome, optima: result.optima },
        'allocated',
      );
      return { versionId: version.id, number: version.number, unchanged: outcome === 'UNCHANGED' };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await this.allocations.markFailed(runId, {
        code: error.code,
        message: error.message,
        problems: [...error.problems],
      });
      throw new AllocationRefused(error.message);
    }
  }
}

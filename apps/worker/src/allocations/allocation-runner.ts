import { Injectable, Logger } from '@nestjs/common';
import {
  type AllocationRunOutcome,
  AllocationRunsService,
  RequestedWorkService,
} from '@cordage/application';
import { type ProgressReporter, isDomainError } from '@cordage/domain';
import { CpuPool } from '../cpu/cpu-pool';

/**
 * Allocates a bid: its data as a scenario file, the same engine as `cordage allocate`, and a new
 * version unless nothing changed since the latest one. The use cases decide and record; this
 * runner only computes, in a worker thread.
 */
@Injectable()
export class AllocationRunner {
  private readonly logger = new Logger(AllocationRunner.name);

  constructor(
    private readonly cpu: CpuPool,
    private readonly runs: AllocationRunsService,
    private readonly requestedWork: RequestedWorkService,
  ) {}

  async run(runId: string, onProgress: ProgressReporter): Promise<AllocationRunOutcome> {
    const start = await this.runs.start(runId);
    if ('done' in start) {
      // A retried job, or a bid unchanged since its latest version: report it.
      if (start.done.unchanged) await onProgress(100, 'unchanged');
      return start.done;
    }
    const { bidId, scenario, inputHash, actor } = start.compute;
    try {
      // Solved in a worker thread: this event loop keeps renewing the job's lock meanwhile.
      const result = await this.cpu.run('allocate', { scenario }, onProgress);
      await onProgress(95, 'saving');
      const { version, outcome } = await this.runs.recordResult(
        runId,
        { bidId, inputHash, result },
        actor,
      );
      await onProgress(100, outcome === 'UNCHANGED' ? 'unchanged' : 'done');
      this.logger.log(
        { runId, bidId, version: version.number, outcome, optima: result.optima },
        'allocated',
      );
      return { versionId: version.id, number: version.number, unchanged: outcome === 'UNCHANGED' };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await this.requestedWork.markRefused(runId, error, actor);
      throw error;
    }
  }
}

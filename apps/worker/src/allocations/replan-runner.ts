import { Injectable, Logger } from '@nestjs/common';
import { ReplansService } from '@cordage/application';
import { type ProgressReporter, isDomainError } from '@cordage/domain';
import { CpuPool } from '../cpu/cpu-pool';

/**
 * Re-plans a contract: the input read by the use case, the allocation engine in a worker thread,
 * the new plan recorded once. A refused input fails the re-plan for good.
 */
@Injectable()
export class ReplanRunner {
  private readonly logger = new Logger(ReplanRunner.name);

  constructor(
    private readonly cpu: CpuPool,
    private readonly replans: ReplansService,
  ) {}

  async run(replanId: string, onProgress: ProgressReporter): Promise<{ number: number }> {
    const start = await this.replans.start(replanId);
    if ('done' in start) {
      await onProgress(100, 'done');
      return start.done;
    }
    const { bidId, input, actor } = start.compute;
    try {
      const result = await this.cpu.run('replan', { input }, onProgress);
      await onProgress(95, 'saving');
      const number = await this.replans.recordResult(replanId, result, actor);
      await onProgress(100, 'done');
      this.logger.log({ replanId, bidId, number, optima: result.optima }, 'replanned');
      return { number };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await this.replans.markFailed(replanId, { code: error.code, message: error.message }, actor);
      throw error;
    }
  }
}

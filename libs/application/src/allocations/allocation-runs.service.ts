import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AllocationResult,
  DomainError,
  DomainErrorCode,
  type Scenario,
  scenarioHash,
} from '@cordage/domain';
import {
  AllocationsRepository,
  type AllocationVersionEntity,
  BidLockRepository,
  BidScenarioRepository,
  BidWorkflowRepository,
  ChangeRequestsRepository,
  JobRequestsRepository,
  OutboxRepository,
  Transactional,
} from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { assertMayAllocate } from './may-allocate';
import { RequestedWorkRefused } from './requested-work-refused';
import { RequestedWorkService } from './requested-work.service';
import { jobMessage } from '../jobs/job-message';
import { AuditTrail } from '../audit';

/** What a run gave: the version made, or the latest one when the bid had not changed. */
export interface AllocationRunOutcome {
  versionId: string;
  number: number;
  /** True when the bid had not changed since the latest version: no new version was made. */
  unchanged: boolean;
}

/** What the worker finds when it takes a run: done already, or a scenario to compute. */
export type AllocationRunStart =
  | { done: AllocationRunOutcome }
  | { compute: { bidId: string; scenario: Scenario; inputHash: string; actor: Actor } };

/** An allocation run: asked by a coordinator, computed by the worker, recorded as a version. */
@Injectable()
export class AllocationRunsService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly jobRequests: JobRequestsRepository,
    private readonly requestedWork: RequestedWorkService,
    private readonly allocations: AllocationsRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Records the request and its job; the worker computes. The same request sent twice before the
   * first is done (a double click) gets the first one's job, and only the first is audited.
   */
  async request(bidId: string, actor: Actor): Promise<{ jobId: string; statusUrl: string }> {
    // Read before the transaction: a burst of requests never holds connections while reading.
    await assertMayAllocate(bidId, this.workflow, this.changeRequests);
    const scenario = await this.scenarios.exportScenario(bidId);
    if (!scenario) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    const jobId = await this.record(bidId, scenarioHash(scenario), actor);
    return { jobId, statusUrl: `/api/jobs/${jobId}` };
  }

  /**
   * The worker takes the run: a run already finished reports what it gave; a bid unchanged since
   * its latest computed version finishes the run at once (no new version); otherwise the bid's
   * data to compute.
   */
  async start(runId: string): Promise<AllocationRunStart> {
    const run = await this.requestedWork.start(runId, 'ALLOCATION_RUN');
    if (!run?.bidId) throw new RequestedWorkRefused(`allocation run ${runId} does not exist`);
    if (run.status === 'FAILED') throw new RequestedWorkRefused(run.failure?.message ?? 'failed');
    if (run.result) return { done: await this.outcome(run.result) };
    const scenario = await this.scenarios.exportScenario(run.bidId);
    if (!scenario) throw new RequestedWorkRefused(`bid ${run.bidId} does not exist`);
    const inputHash = scenarioHash(scenario);
    const latest = await this.allocations.latestRun(run.bidId);
    if (latest && latest.inputHash === inputHash) {
      const unchanged = { versionId: latest.id, unchanged: true };
      // A twin job that finished the run meanwhile: report what it did.
      if (!(await this.jobRequests.markDone(runId, 'ALLOCATION_RUN', unchanged))) {
        return this.start(runId);
      }
      return { done: { ...unchanged, number: latest.number } };
    }
    const actor = { userId: run.requestedBy, label: 'worker', requestId: run.requestId };
    return { compute: { bidId: run.bidId, scenario, inputHash, actor } };
  }

  /**
   * Records what the engine computed, once whatever the retries or twin jobs: under the bid's
   * lock and the run's, a run already finished gives the version it made; a result for the same
   * input as the latest computed version makes no new version.
   */
  @Transactional()
  async recordResult(
    runId: string,
    computed: { bidId: string; inputHash: string; result: AllocationResult },
    actor: Actor,
  ): Promise<{ version: AllocationVersionEntity; outcome: 'CREATED' | 'UNCHANGED' | 'DONE' }> {
    // Versions are numbered one at a time per bid: no gaps, no twins.
    await this.bidLock.lock(computed.bidId);
    const run = await this.jobRequests.lock(runId, 'ALLOCATION_RUN');
    if (!run) throw new Error(`allocation run ${runId} does not exist`);
    if (run.status === 'DONE' || run.status === 'FAILED') {
      const done = run.result && (await this.allocations.findById(run.result.versionId));
      if (!done) throw new Error(`allocation run ${runId} is ${run.status}`);
      return { version: done, outcome: 'DONE' };
    }
    const latest = await this.allocations.latestRun(computed.bidId);
    if (latest && latest.inputHash === computed.inputHash) {
      await this.jobRequests.markDone(runId, 'ALLOCATION_RUN', {
        versionId: latest.id,
        unchanged: true,
      });
      return { version: latest, outcome: 'UNCHANGED' };
    }
    const created = await this.allocations.insertVersion(computed, actor.userId);
    await this.jobRequests.markDone(runId, 'ALLOCATION_RUN', {
      versionId: created.id,
      unchanged: false,
    });
    await this.audit.append(actor, {
      action: 'allocation.computed',
      entityType: 'allocation_version',
      entityId: created.id,
      bidId: computed.bidId,
      after: { number: created.number, optima: computed.result.optima },
    });
    return { version: created, outcome: 'CREATED' };
  }

  @Transactional()
  private async record(bidId: string, inputHash: string, actor: Actor): Promise<string> {
    const run = await this.jobRequests.insertUnlessWaiting({
      id: randomUUID(),
      kind: 'ALLOCATION_RUN',
      bidId,
      inputHash,
      parameters: {},
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    if (!run.created) return run.id;
    await this.outbox.add(jobMessage(JobName.ALLOCATION_RUN, run.id, { runId: run.id }));
    // Kept out of the bid's history (no bidId): the version it makes goes there.
    await this.audit.append(actor, {
      action: 'allocation.requested',
      entityType: 'job_request',
      entityId: run.id,
      after: { bidId },
    });
    return run.id;
  }

  private async outcome(result: {
    versionId: string;
    unchanged: boolean;
  }): Promise<AllocationRunOutcome> {
    const number = (await this.allocations.numberOf(result.versionId)) ?? 0;
    return { versionId: result.versionId, number, unchanged: result.unchanged };
  }
}

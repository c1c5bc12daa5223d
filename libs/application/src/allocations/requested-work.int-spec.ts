import { type Actor, type AllocationResult } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { clearData, exampleScenario, testPersistence } from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { AllocationRunsService } from './allocation-runs.service';
import { RequestedWorkRefused } from './requested-work-refused';
import { RequestedWorkService } from './requested-work.service';
import { ScenarioImporter } from './scenario-importer.service';
import { ScenarioImportsService } from './scenario-imports.service';

const actor: Actor = { userId: null, label: 'test', requestId: 'req-1' };
const worker: Actor = { userId: null, label: 'worker', requestId: 'req-1' };
const optima = { coverage: 0, proximity: 12.5, fairness: 0.5 };
/** What the engine would give: the use cases store it as it is. */
const result = {
  lines: [],
  members: [],
  uncovered: [],
  optima,
  rules: [],
  warnings: [],
  explanations: {},
} satisfies AllocationResult;

describe('Requested work through its use cases, on Postgres', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let runs: AllocationRunsService;
  let requestedWork: RequestedWorkService;
  let imports: ScenarioImportsService;
  let networkId: string;
  let bidId: string;

  beforeAll(() => {
    runs = context.get(AllocationRunsService);
    requestedWork = context.get(RequestedWorkService);
    imports = context.get(ScenarioImportsService);
  });
  beforeEach(async () => {
    await clearData(context.dataSource);
    networkId = await context.get(AccessRepository).ensureNetwork('Réseau de test');
    ({ bidId } = await context.get(ScenarioImporter).import(exampleScenario(), {
      networkId,
      actor: { userId: null, label: 'test', requestId: null },
    }));
    await context.dataSource.query(`UPDATE bids SET status = 'ALLOCATING' WHERE id = $1`, [bidId]);
  }, 60_000);

  const requestRow = async (id: string) =>
    (
      await context.dataSource.query<Record<string, unknown>[]>(
        `SELECT kind, status, network_id, bid_id, parameters, result, failure, request_id,
           started_at IS NOT NULL AS started, finished_at IS NOT NULL AS finished
         FROM job_requests WHERE id = $1`,
        [id],
      )
    )[0];
  const auditOf = (id: string) =>
    context.dataSource.query<Record<string, unknown>[]>(
      `SELECT action, entity_type, bid_id, actor, after FROM audit_events
       WHERE entity_id = $1 ORDER BY seq`,
      [id],
    );
  const outboxOf = (id: string) =>
    context.dataSource.query<Record<string, unknown>[]>(
      'SELECT queue_name, job_name, payload FROM outbox_messages WHERE id = $1',
      [id],
    );

  it('takes an allocation run from QUEUED to RUNNING to DONE, with its job and audit entries', async () => {
    const { jobId, statusUrl } = await runs.request(bidId, actor);
    expect(statusUrl).toEqual(`/api/jobs/${jobId}`);
    const queued = {
      kind: 'ALLOCATION_RUN',
      status: 'QUEUED',
      network_id: networkId,
      bid_id: bidId,
      parameters: {},
      result: null,
      failure: null,
      request_id: 'req-1',
      started: false,
      finished: false,
    };
    expect(await requestRow(jobId)).toEqual(queued);
    expect(await outboxOf(jobId)).toEqual([
      { queue_name: 'allocations', job_name: 'allocation.run', payload: { runId: jobId } },
    ]);
    // A double click: the same run, one job, one audit entry.
    expect(await runs.request(bidId, actor)).toEqual({ jobId, statusUrl });

    const start = await runs.start(jobId);
    if (!('compute' in start)) throw new Error('a new run is to compute');
    expect(start.compute.bidId).toEqual(bidId);
    expect(start.compute.actor).toEqual({ userId: null, label: 'worker', requestId: 'req-1' });
    expect(await requestRow(jobId)).toEqual({ ...queued, status: 'RUNNING', started: true });

    const { version, outcome } = await runs.recordResult(
      jobId,
      { bidId, inputHash: start.compute.inputHash, result },
      start.compute.actor,
    );
    expect({ number: version.number, outcome }).toEqual({ number: 1, outcome: 'CREATED' });
    expect(await requestRow(jobId)).toEqual({
      ...queued,
      status: 'DONE',
      result: { versionId: version.id, unchanged: false },
      started: true,
      finished: true,
    });
    // A retried job records nothing again and reports the version made.
    const again = await runs.recordResult(
      jobId,
      { bidId, inputHash: start.compute.inputHash, result },
      worker,
    );
    expect({ id: again.version.id, outcome: again.outcome }).toEqual({
      id: version.id,
      outcome: 'DONE',
    });
    expect(await runs.start(jobId)).toEqual({
      done: { versionId: version.id, number: 1, unchanged: false },
    });

    expect(await auditOf(jobId)).toEqual([
      {
        action: 'allocation.requested',
        entity_type: 'job_request',
        bid_id: null,
        actor: 'test',
        after: { bidId },
      },
    ]);
    expect(await auditOf(version.id)).toEqual([
      {
        action: 'allocation.computed',
        entity_type: 'allocation_version',
        bid_id: bidId,
        actor: 'worker',
        after: { number: 1, optima },
      },
    ]);

    // Asked again on the same data: the run ends at once, no new version.
    const rerun = await runs.request(bidId, actor);
    expect(rerun.jobId).not.toEqual(jobId);
    expect(await runs.start(rerun.jobId)).toEqual({
      done: { versionId: version.id, number: 1, unchanged: true },
    });
    expect((await requestRow(rerun.jobId))?.result).toEqual({
      versionId: version.id,
      unchanged: true,
    });
  });

  it('fails a run for good once, audited once, however many times it is failed', async () => {
    const { jobId } = await runs.request(bidId, actor);
    await runs.start(jobId);
    const failure = {
      code: 'INFEASIBLE',
      message: 'Aucune répartition ne tient.',
      problems: [{ path: 'offers', code: 'TOO_FEW', message: 'trop peu' }],
    };
    expect(await requestedWork.markFailed(jobId, failure, worker)).toBe(true);
    expect(
      await requestedWork.markFailed(jobId, { ...failure, message: 'une autre' }, worker),
    ).toBe(false);
    expect(await requestRow(jobId)).toEqual({
      kind: 'ALLOCATION_RUN',
      status: 'FAILED',
      network_id: networkId,
      bid_id: bidId,
      parameters: {},
      result: null,
      failure,
      request_id: 'req-1',
      started: true,
      finished: true,
    });
    expect(await auditOf(jobId)).toEqual([
      {
        action: 'allocation.requested',
        entity_type: 'job_request',
        bid_id: null,
        actor: 'test',
        after: { bidId },
      },
      {
        action: 'job.failed',
        entity_type: 'job_request',
        bid_id: null,
        actor: 'worker',
        after: {
          kind: 'ALLOCATION_RUN',
          code: 'INFEASIBLE',
          message: 'Aucune répartition ne tient.',
        },
      },
    ]);
    await expect(runs.start(jobId)).rejects.toThrow(
      new RequestedWorkRefused('Aucune répartition ne tient.'),
    );
    // Only an import's refusal is reported with the job's status.
    expect(await requestedWork.reportedFailure(jobId)).toBeNull();
  });

  it('imports a scenario once, drops its file when done, and reports a refused one', async () => {
    const file = exampleScenario({ reference: 'IMPORT-USE-CASE' });
    const source = JSON.stringify(file);
    const { jobId } = await imports.request(file, networkId, actor);
    expect(await requestRow(jobId)).toEqual({
      kind: 'SCENARIO_IMPORT',
      status: 'QUEUED',
      network_id: networkId,
      bid_id: null,
      parameters: { source, sourceBytes: Buffer.byteLength(source) },
      result: null,
      failure: null,
      request_id: 'req-1',
      started: false,
      finished: false,
    });
    expect(await auditOf(jobId)).toEqual([
      {
        action: 'scenario.import_requested',
        entity_type: 'job_request',
        bid_id: null,
        actor: 'test',
        after: { networkId, sourceBytes: Buffer.byteLength(source) },
      },
    ]);

    const steps: string[] = [];
    const imported = await imports.run(jobId, (_, step) => {
      steps.push(step);
    });
    expect(steps.at(-1)).toEqual('done');
    expect(await requestRow(jobId)).toEqual({
      kind: 'SCENARIO_IMPORT',
      status: 'DONE',
      network_id: networkId,
      bid_id: imported.bidId,
      parameters: { sourceBytes: Buffer.byteLength(source) },
      result: imported,
      failure: null,
      request_id: 'req-1',
      started: true,
      finished: true,
    });
    expect(await imports.run(jobId, () => undefined)).toEqual(imported);

    // The same tender again passes the check while the first waits, then is refused when run.
    const twin = await imports.request(exampleScenario({ reference: 'TWIN' }), networkId, actor);
    await context.get(ScenarioImporter).import(exampleScenario({ reference: 'TWIN' }), {
      networkId,
      actor,
    });
    await expect(imports.run(twin.jobId, () => undefined)).rejects.toThrow(RequestedWorkRefused);
    const failure = await requestedWork.reportedFailure(twin.jobId);
    expect(failure?.code).toEqual('DUPLICATE_TENDER');
    expect(await requestRow(twin.jobId)).toEqual({
      kind: 'SCENARIO_IMPORT',
      status: 'FAILED',
      network_id: networkId,
      bid_id: null,
      parameters: {
        sourceBytes: Buffer.byteLength(JSON.stringify(exampleScenario({ reference: 'TWIN' }))),
      },
      result: null,
      failure,
      request_id: 'req-1',
      started: true,
      finished: true,
    });
    expect((await auditOf(twin.jobId)).map((entry) => entry.action)).toEqual([
      'scenario.import_requested',
      'job.failed',
    ]);
  });
});

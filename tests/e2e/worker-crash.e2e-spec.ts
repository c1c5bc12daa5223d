import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import { required } from '@cordage/domain';
import { JobName, QueueName } from '@cordage/queue';
import { clearData, exampleScenario } from '@cordage/testing';
import { pollJob, spawnWorker, stopProcess } from './support/harness';
import { type System, startSystem } from './support/system';
import { type SignedIn, coordinatorOfNewNetwork } from './support/actors';

/**
 * Short locks so that a dead worker's job is taken over in seconds, not the default 30 s; long
 * enough for an import's synchronous steps on a busy machine (two test runs side by side).
 */
const WORKER_ENV = { JOB_LOCK_MS: '5000' };

describe('An import survives its worker dying (real worker processes)', () => {
  let system: System;
  let coordinator: SignedIn;
  let dataSource: DataSource;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const worker = spawnWorker(WORKER_ENV);
    workers.push(worker);
    return worker;
  };

  async function importedOnce(reference: string, offers: number) {
    const rows: { bids: number; offers: number }[] = await dataSource.query(
      `SELECT count(DISTINCT b.id)::int AS bids, count(o.id)::int AS offers
       FROM tenders t JOIN bids b ON b.tender_id = t.id
       JOIN members m ON m.bid_id = b.id LEFT JOIN offers o ON o.member_id = m.id
       WHERE t.reference = $1`,
      [reference],
    );
    expect(rows).toEqual([{ bids: 1, offers }]);
    const imports: { status: string }[] = await dataSource.query(
      `SELECT status FROM job_requests WHERE kind = 'SCENARIO_IMPORT'`,
    );
    expect(imports).toEqual([{ status: 'DONE' }]);
  }

  beforeAll(async () => {
    // No worker in this process: each test starts its own and kills it.
    system = await startSystem({ worker: false });
    dataSource = system.dataSource;
  });
  beforeEach(async () => {
    await clearData(dataSource);
    ({ coordinator } = await coordinatorOfNewNetwork(system.api, dataSource));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => stopProcess(worker, 'SIGKILL')));
  });
  afterAll(() => system?.stop());

  it('completes once when no worker was running at enqueue time', async () => {
    const accepted = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(202);
    // Accepted and recorded, waiting for a relay: nothing is lost while the worker is down.
    const pending = await coordinator.get(`/api/jobs/${accepted.body.jobId}`).expect(200);
    expect(pending.body.state).toBe('pending');

    startWorker();
    const { last } = await pollJob(coordinator, accepted.body.jobId);
    expect(last.state).toBe('completed');
    await importedOnce('2027-D93-PEINT', 142);
  });

  it('completes once when the relay died between enqueueing and marking the message sent', async () => {
    const accepted = await coordinator.post('/api/scenarios').send(exampleScenario()).expect(202);
    const jobId: string = accepted.body.jobId;
    // What a relay that crashed right after `add` leaves behind: the job queued, the row unmarked.
    const queue = new Queue(QueueName.SCENARIOS, {
      connection: { url: process.env.REDIS_URL },
      prefix: process.env.QUEUE_PREFIX,
    });
    try {
      const counted = ['completed', 'waiting', 'active', 'failed'] as const;
      const before = await queue.getJobCounts(...counted);
      await queue.add(JobName.SCENARIOS_IMPORT, { importId: jobId }, { jobId });

      startWorker();
      const { last } = await pollJob(coordinator, jobId);
      expect(last.state).toBe('completed');
      // The relay's replay of the same message (jobId = outbox id) added no second job.
      expect(await queue.getJobCounts(...counted)).toEqual({
        ...before,
        completed: required(before.completed, 'the count of completed jobs') + 1,
      });
      expect((await queue.getJob(jobId))?.attemptsMade).toBe(1);
    } finally {
      await queue.close();
    }
    await importedOnce('2027-D93-PEINT', 142);
  });

  it('completes once when the worker is killed in the middle of writing', async () => {
    // About 100,000 offers: long enough to kill the worker while its transaction is open.
    const file = exampleScenario({ reference: 'GRAND-LOT', extraMembers: 2600 });
    const offerCount = (file.offers as unknown[]).length;
    const accepted = await coordinator.post('/api/scenarios').send(file).expect(202);
    const jobId: string = accepted.body.jobId;

    // The import writes the subcontracts last, in the same transaction as the offers: a SHARE lock
    // held here lets it read them but not insert, so the worker is killed with its transaction
    // certainly open, however fast the machine writes (an idle one wrote it all before the kill).
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query('LOCK TABLE subcontracts IN SHARE MODE');
      const first = startWorker();
      const writing = await pollJob(
        coordinator,
        jobId,
        (status) => status.state === 'active' && status.step === 'subcontracts',
      );
      expect(writing.last.state).toBe('active');
      await stopProcess(first, 'SIGKILL');
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }

    // The dead worker's transaction is rolled back: nothing of it remains.
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM tenders`)).toEqual([{ n: 0 }]);
    // The worker had taken it: RUNNING, until the next worker takes it again.
    expect(
      await dataSource.query(`SELECT status FROM job_requests WHERE kind = 'SCENARIO_IMPORT'`),
    ).toEqual([{ status: 'RUNNING' }]);

    startWorker();
    const { last } = await pollJob(
      coordinator,
      jobId,
      (s) => s.state === 'completed' || s.state === 'failed',
      90_000,
    );
    expect(last.state).toBe('completed');
    expect(last.result?.counts.offers).toBe(offerCount);
    await importedOnce('GRAND-LOT', offerCount);
  });
});

describe('a process started with a bad environment', () => {
  it('exits non-zero, naming each variable, without a stack trace', async () => {
    const child = spawnWorker({ REDIS_URL: 'http://wrong', JOB_LOCK_MS: 'soon' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('REDIS_URL (valeur "http://wrong")');
    expect(stderr).toContain('JOB_LOCK_MS (valeur "soon")');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

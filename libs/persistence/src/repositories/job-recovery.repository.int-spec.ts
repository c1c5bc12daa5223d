import { randomUUID } from 'node:crypto';
import { ScenarioImporter } from '@cordage/application';
import { required } from '@cordage/domain';
import { clearData, exampleScenario, testPersistence } from '@cordage/testing';
import { type Db, TransactionHost } from '../unit-of-work';
import { AccessRepository } from './access.repository';
import { JobRecoveryRepository } from './job-recovery.repository';
import { JobRequestsRepository } from './job-requests.repository';
import { OutboxRepository } from './outbox.repository';

const JOBS = { closeCapacityCall: 'workflow.close-capacity-call', remind: 'workflow.remind' };
const HOUR = 3_600_000;

describe('JobRecoveryRepository and JobRequestsRepository on Postgres: the work still to do', () => {
  const persistence = testPersistence();
  let db: Db;
  let recovery: JobRecoveryRepository;
  let requests: JobRequestsRepository;
  let outbox: OutboxRepository;
  let bidId: string;

  beforeAll(() => {
    db = persistence.get(TransactionHost);
    recovery = persistence.get(JobRecoveryRepository);
    requests = persistence.get(JobRequestsRepository);
    outbox = persistence.get(OutboxRepository);
  });
  beforeEach(async () => {
    await clearData(persistence.dataSource);
    const networkId = await persistence.get(AccessRepository).ensureNetwork('Réseau de test');
    ({ bidId } = await persistence.get(ScenarioImporter).import(exampleScenario(), {
      networkId,
      actor: { userId: null, label: 'test', requestId: null },
    }));
  }, 60_000);

  /** An outbox message as the api writes it, already handed to Redis by the relay. */
  async function published(
    jobName: string,
    payload: Record<string, unknown>,
    jobId: string | null,
    id: string = randomUUID(),
  ) {
    await db.withTransaction(() => outbox.add({ id, queueName: 'q', jobName, payload, jobId }));
    await persistence.dataSource.query(
      'UPDATE outbox_messages SET published_at = now() WHERE id = $1',
      [id],
    );
    return id;
  }
  const outstandingIds = async () =>
    [...(await requests.waitingJobs()), ...(await recovery.dueDeadlineJobs(JOBS))].map(
      (job) => job.jobId,
    );
  /** An allocation run asked for this input, as the use case records it. */
  const askRun = (inputHash: string) =>
    db.withTransaction(() =>
      requests.insertUnlessWaiting({
        id: randomUUID(),
        kind: 'ALLOCATION_RUN',
        bidId,
        inputHash,
        parameters: {},
        requestedBy: null,
        requestId: null,
      }),
    );
  const collecting = (deadline: Date) =>
    persistence.dataSource.query(
      `UPDATE bids SET status = 'COLLECTING', capacity_deadline = $2 WHERE id = $1`,
      [bidId, deadline],
    );

  it('lists an allocation run while it is QUEUED or RUNNING, under the job id the relay gave it', async () => {
    const { id: runId } = await askRun('a'.repeat(64));
    // The outbox message's id is the run's, as the api writes it.
    await published('allocation.run', { runId }, null, runId);
    const listed = [
      {
        queueName: 'q',
        jobName: 'allocation.run',
        payload: { runId },
        jobId: runId,
        deliverAt: null,
      },
    ];
    expect(await requests.waitingJobs()).toEqual(listed);
    expect(await requests.markRunning(runId)).toBe(true);
    expect(await requests.waitingJobs()).toEqual(listed);
    expect(
      await requests.markDone(runId, 'ALLOCATION_RUN', {
        versionId: randomUUID(),
        unchanged: true,
      }),
    ).toBe(true);
    expect(await outstandingIds()).toEqual([]);
  });

  it('lists the closing of a capacity call open at its deadline, until the job has run', async () => {
    const deadline = new Date(Date.now() - HOUR); // past: due now
    await collecting(deadline);
    const payload = { bidId, deadline: deadline.toISOString() };
    await published(JOBS.closeCapacityCall, payload, 'close-1');
    expect(await outstandingIds()).toEqual(['close-1']);

    await recovery.recordDeadlineJobRun('close-1');
    await recovery.recordDeadlineJobRun('close-1'); // a job run twice records once
    expect(await outstandingIds()).toEqual([]);
  });

  it('forgets deadlines that moved and calls that closed', async () => {
    const deadline = new Date(Date.now() + HOUR);
    await collecting(new Date(deadline.getTime() + HOUR)); // moved since the job was scheduled
    await published(JOBS.closeCapacityCall, { bidId, deadline: deadline.toISOString() }, 'moved');
    expect(await outstandingIds()).toEqual([]);
    await collecting(deadline);
    expect(await outstandingIds()).toEqual(['moved']);
    await persistence.dataSource.query(`UPDATE bids SET status = 'ALLOCATING' WHERE id = $1`, [
      bidId,
    ]);
    expect(await outstandingIds()).toEqual([]);
  });

  it('lists a reminder before its deadline only, capacity or signature alike', async () => {
    const deadline = new Date(Date.now() + HOUR);
    await collecting(deadline);
    const remind = (kind: string, at: Date, jobId: string) =>
      published(JOBS.remind, { bidId, kind, deadline: at.toISOString() }, jobId);
    await remind('CAPACITY', deadline, 'capacity');
    const [tender] = await persistence.dataSource.query<{ deadline: Date }[]>(
      'SELECT t.deadline FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE b.id = $1',
      [bidId],
    );
    const applicationDeadline = required(tender, 'the tender of the bid').deadline;
    await remind('SIGNATURE', applicationDeadline, 'signature');
    expect(await outstandingIds()).toEqual(['capacity']);

    await persistence.dataSource.query(`UPDATE bids SET status = 'SIGNING' WHERE id = $1`, [bidId]);
    const signatureDue = applicationDeadline.getTime() > Date.now() ? ['signature'] : [];
    expect(await outstandingIds()).toEqual(signatureDue);

    // A capacity reminder whose deadline has passed is of no use any more.
    await collecting(new Date(Date.now() - 1_000));
    await remind('CAPACITY', new Date(Date.now() - 1_000), 'late');
    expect(await outstandingIds()).not.toContain('late');
  });

  it('makes one waiting run of identical requests sent at once, by the unique index', async () => {
    const ask = () => askRun('b'.repeat(64));
    const answers = await Promise.all(Array.from({ length: 20 }, ask));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    // Once it is done, the same request is a new one.
    await persistence.dataSource.query(`UPDATE job_requests SET status = 'DONE'`);
    expect((await ask()).created).toBe(true);
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import { workerConfig } from '@cordage/config';
import { type Db, OutboxRepository, TransactionHost } from '@cordage/persistence';
import { JobQueue, type QueuedJob } from '@cordage/queue';
import { clearData, testPersistence } from '@cordage/testing';
import { OutboxRelay } from './outbox-relay.service';

/** The queue as the relay sees it, here a list; `enqueue` may be made slow or failing. */
class FakeJobQueue {
  readonly jobs: QueuedJob[] = [];
  enqueueing: (job: QueuedJob) => Promise<void> = () => Promise.resolve();

  async enqueue(job: QueuedJob): Promise<void> {
    await this.enqueueing(job);
    this.jobs.push(job);
  }
}

describe('OutboxRelay on Postgres', () => {
  const context = testPersistence({
    providers: [OutboxRelay, { provide: JobQueue, useClass: FakeJobQueue }],
    config: [workerConfig],
  });
  let relay: OutboxRelay;
  let outbox: OutboxRepository;
  let db: Db;
  let queue: FakeJobQueue;

  beforeAll(() => {
    relay = context.get(OutboxRelay);
    outbox = context.get(OutboxRepository);
    db = context.get<Db>(TransactionHost);
    queue = context.get<JobQueue, FakeJobQueue>(JobQueue);
  });
  beforeEach(async () => {
    await clearData(context.dataSource);
    queue.jobs.length = 0;
    queue.enqueueing = () => Promise.resolve();
  });

  const addOne = async (id = randomUUID()) => {
    await db.withTransaction(() =>
      outbox.add({
        id,
        queueName: 'scenarios',
        jobName: 'scenarios.import',
        payload: { importId: id },
      }),
    );
    return id;
  };
  const add = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await addOne());
    return ids;
  };

  it('publishes each message under its id and marks it published', async () => {
    const id = await addOne();
    expect(await relay.relayPending()).toBe(1);
    expect(queue.jobs).toEqual([
      {
        queueName: 'scenarios',
        jobName: 'scenarios.import',
        payload: { importId: id },
        jobId: id,
        deliverAt: null,
      },
    ]);
    expect((await outbox.findById(id))?.publishedAt).toBeInstanceOf(Date);
    expect(await relay.relayPending()).toBe(0);
  });

  it('keeps messages whose publication failed, counting the attempt', async () => {
    const id = await addOne();
    queue.enqueueing = () => Promise.reject(new Error('redis down'));
    await expect(relay.relayBatch()).rejects.toThrow('redis down');
    const message = await outbox.findById(id);
    expect(message).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'redis down' });
    queue.enqueueing = () => Promise.resolve();
    expect(await relay.relayBatch()).toBe(1);
    expect(await outbox.findById(id)).toMatchObject({ attempts: 2, lastError: null });
  });

  it('never hands one message to two relays running at once', async () => {
    const ids = await add(30);
    queue.enqueueing = () => new Promise((resolve) => setTimeout(resolve, 5));
    const relays = await Promise.all([
      relay.relayBatch(20),
      relay.relayBatch(20),
      relay.relayBatch(20),
    ]);
    expect(relays.reduce((sum, count) => sum + count, 0)).toBe(30);
    expect(queue.jobs.map((job) => job.jobId).sort()).toEqual([...ids].sort());
  });
});

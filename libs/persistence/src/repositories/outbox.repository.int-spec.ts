import { randomUUID } from 'node:crypto';
import { testPersistence, clearData } from '@cordage/testing';
import { type Db, TransactionHost } from '../unit-of-work';
import { OutboxRepository } from './outbox.repository';

describe('OutboxRepository on Postgres', () => {
  const context = testPersistence();
  let outbox: OutboxRepository;
  let db: Db;

  beforeAll(() => {
    outbox = context.get(OutboxRepository);
    db = context.get<Db>(TransactionHost);
  });
  beforeEach(() => clearData(context.dataSource));

  it('exists only if the transaction that wrote it commits', async () => {
    const id = randomUUID();
    await expect(
      db.withTransaction(async () => {
        await outbox.add({
          id,
          queueName: 'scenarios',
          jobName: 'scenarios.import',
          payload: {},
        });
        throw new Error('request failed after the outbox row');
      }),
    ).rejects.toThrow('request failed');
    expect(await outbox.findById(id)).toBeNull();
  });

  it('locks unpublished messages only inside a unit of work', async () => {
    await expect(outbox.lockUnpublished(10)).rejects.toThrow("relay's transaction");
  });
});

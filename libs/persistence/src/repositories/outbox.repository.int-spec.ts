import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { at } from '@cordage/domain';
import { openTestPersistence, clearData } from '@cordage/testing';
import { type Db, TransactionHost } from '../unit-of-work';
import { type OutboxMessage, OutboxRepository } from './outbox.repository';

describe('OutboxRepository on Postgres', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let outbox: OutboxRepository;
  let db: Db;

  beforeAll(async () => {
    ({ context, dataSource } = await openTestPersistence());
    outbox = context.get(OutboxRepository);
    db = context.get<Db>(TransactionHost);
  });
  beforeEach(() => clearData(dataSource));
  afterAll(() => context.close());

  const add = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      ids.push(id);
      await db.withTransaction(() =>
        outbox.add({
          id,
          queueName: 'scenarios',
          jobName: 'scenarios.import',
          payload: { importId: id },
        }),
      );
    }
    return ids;
  };

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

  it('keeps messages whose publication failed, counting the attempt', async () => {
    const id = at(await add(1), 0);
    await expect(outbox.relayBatch(() => Promise.reject(new Error('redis down')))).rejects.toThrow(
      'redis down',
    );
    const message = await outbox.findById(id);
    expect(message).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'redis down' });
    expect(await outbox.relayBatch(() => Promise.resolve())).toBe(1);
    expect((await outbox.findById(id))?.publishedAt).toBeInstanceOf(Date);
  });

  it('never hands one message to two relays running at once', async () => {
    const ids = await add(30);
    const published: string[] = [];
    const slowPublish = async (messages: OutboxMessage[]) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      published.push(...messages.map((message) => message.id));
    };
    const relays = await Promise.all([
      outbox.relayBatch(slowPublish, 20),
      outbox.relayBatch(slowPublish, 20),
      outbox.relayBatch(slowPublish, 20),
    ]);
    expect(relays.reduce((sum, count) => sum + count, 0)).toBe(30);
    expect(published.sort()).toEqual([...ids].sort());
  });
});

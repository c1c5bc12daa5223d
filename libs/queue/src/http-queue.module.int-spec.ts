import { Queue } from 'bullmq';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { TEST_REDIS_URL } from '@cordage/testing';
import { httpRedisConnection } from './http-queue.module';

/**
 * A relay to the test Redis that holds back the second INFO answer of each connection (the first
 * is ioredis's ready check; the second, BullMQ's version check) beyond the api's command timeout:
 * a busy machine answering slowly once, at start-up.
 */
async function slowVersionCheckRelay(): Promise<{ server: Server; url: string }> {
  const target = new URL(TEST_REDIS_URL);
  const sockets: Socket[] = [];
  const server = createServer((client) => {
    const redis = connect(Number(target.port || 6379), target.hostname);
    sockets.push(client, redis);
    let infos = 0;
    client.on('data', (bytes) => redis.write(bytes));
    redis.on('data', (bytes) => {
      const slow = bytes.toString().includes('redis_version') && ++infos === 2;
      if (slow) setTimeout(() => client.write(bytes), 1_500);
      else client.write(bytes);
    });
    for (const socket of [client, redis]) socket.on('error', () => undefined);
    client.on('close', () => redis.destroy());
    redis.on('close', () => client.destroy());
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `redis://127.0.0.1:${address.port}` };
}

describe("the api's queue connection", () => {
  it('answers again once Redis is quick again, after a slow answer at start-up', async () => {
    const { server, url } = await slowVersionCheckRelay();
    const queue = new Queue('http-queue-probe', {
      // The production timeout: the relay's slow answer (1.5 s) goes beyond it.
      connection: httpRedisConnection(url, 1_000),
      prefix: `probe-${process.pid}`,
    });
    queue.on('error', () => undefined);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await expect(queue.getJob('no-such-job')).resolves.toBeUndefined();
    } finally {
      await queue.close();
      server.close();
    }
  });
});

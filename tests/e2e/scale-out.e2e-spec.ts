import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { AccessService } from '@cordage/application';
import { at, required } from '@cordage/domain';
import { QueueName } from '@cordage/queue';
import { exampleScenario, issueLoginToken } from '@cordage/testing';
import { type SignedIn, openSession } from './support/actors';
import { moveBid } from './support/bid-state';
import { pollJob, spawnApi, spawnWorker, stopProcess } from './support/harness';
import { type System, startSystem } from './support/system';

const IMPORTS = ['SCALE-1', 'SCALE-2', 'SCALE-3', 'SCALE-4', 'SCALE-5', 'SCALE-6'];
/** Offers of the example bid. */
const OFFERS = 142;

/**
 * Scale-out as the README describes it (docker compose --scale api=2 --scale worker=2): two api
 * processes and two worker processes on one Postgres and one Redis, each request sent through
 * one api and followed through the other. Every effect happens once: one bid per import, one
 * allocation version per bid when both apis ask for it at the same moment, one job per outbox
 * message although both workers relay the outbox.
 */
describe('Two api and two worker processes on one Postgres and one Redis', () => {
  let system: System;
  const processes: ChildProcess[] = [];
  let coordinators: SignedIn[];

  beforeAll(async () => {
    // Only the database and the sign-in come from this process: no api route, no worker.
    system = await startSystem({ worker: false });
    const apis = await Promise.all([spawnApi(), spawnApi()]);
    processes.push(...apis.map((api) => api.process), spawnWorker(), spawnWorker());
    const access = system.persistence.get(AccessService);
    const networkId = await access.ensureNetwork('Réseau en deux');
    const email = 'coordination@deux.test';
    const user = await access.ensureUser(email, 'Coordination', [
      { role: 'COORDINATOR', networkId },
    ]);
    // A session of its own through each api (a login link opened on each).
    coordinators = await Promise.all(
      apis.map(async (api) =>
        openSession(
          api.url,
          await issueLoginToken(system.persistence, { email, userId: user.id }),
          email,
          user.id,
        ),
      ),
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => stopProcess(child, 'SIGKILL')));
    await system?.stop();
  });

  const through = (index: number) => at(coordinators, index % coordinators.length);

  it('imports, allocates and reads through either api, each effect once', async () => {
    // Six imports at once, three through each api, each followed through the other.
    const accepted = await Promise.all(
      IMPORTS.map((reference, index) =>
        through(index).post('/api/scenarios').send(exampleScenario({ reference })).expect(202),
      ),
    );
    const imports = await Promise.all(
      accepted.map((response, index) =>
        pollJob(through(index + 1), (response.body as { jobId: string }).jobId),
      ),
    );
    expect(imports.map(({ last }) => last.state)).toEqual(IMPORTS.map(() => 'completed'));
    const bids: { reference: string; bids: number; offers: number }[] =
      await system.dataSource.query(
        `SELECT t.reference, count(DISTINCT b.id)::int AS bids, count(o.id)::int AS offers
       FROM tenders t JOIN bids b ON b.tender_id = t.id
       JOIN members m ON m.bid_id = b.id LEFT JOIN offers o ON o.member_id = m.id
       GROUP BY t.reference ORDER BY t.reference`,
      );
    expect(bids).toEqual(IMPORTS.map((reference) => ({ reference, bids: 1, offers: OFFERS })));

    // Each bid's allocation asked through both apis at the same moment: one version.
    const bidIds = imports.map(({ last }) => String(last.result?.bidId));
    for (const bidId of bidIds) await moveBid(system.dataSource, bidId, 'ALLOCATING');
    const runs = await Promise.all(
      bidIds.flatMap((bidId) =>
        coordinators.map((coordinator) =>
          coordinator.post(`/api/bids/${bidId}/allocations`).expect(202),
        ),
      ),
    );
    const allocated = await Promise.all(
      runs.map((response, index) =>
        pollJob(through(index + 1), (response.body as { jobId: string }).jobId),
      ),
    );
    expect(allocated.map(({ last }) => last.state)).toEqual(runs.map(() => 'completed'));
    const versions: { bid_id: string; versions: number }[] = await system.dataSource.query(
      `SELECT bid_id, count(*)::int AS versions FROM allocation_versions
       WHERE bid_id = ANY($1) GROUP BY bid_id`,
      [bidIds],
    );
    expect(versions).toHaveLength(bidIds.length);
    expect(versions.every((row) => row.versions === 1)).toBe(true);

    // Both relays read the outbox: each message became one job, run once.
    const messages: { queue_name: QueueName; job_id: string; published: boolean }[] =
      await system.dataSource.query(
        // The relay's job id: the message's own, or else the message's id.
        `SELECT queue_name, coalesce(job_id, id::text) AS job_id,
           published_at IS NOT NULL AS published
         FROM outbox_messages WHERE queue_name = ANY($1)`,
        [[QueueName.SCENARIOS, QueueName.ALLOCATIONS]],
      );
    expect(messages.length).toBeGreaterThanOrEqual(IMPORTS.length + bidIds.length);
    for (const name of [QueueName.SCENARIOS, QueueName.ALLOCATIONS]) {
      const queue = new Queue(name, {
        connection: { url: process.env.REDIS_URL },
        prefix: process.env.QUEUE_PREFIX,
      });
      try {
        const ofQueue = messages.filter((message) => message.queue_name === name);
        const jobs = await Promise.all(ofQueue.map((message) => queue.getJob(message.job_id)));
        expect(ofQueue.every((message) => message.published)).toBe(true);
        expect(jobs.map((job) => job?.attemptsMade)).toEqual(ofQueue.map(() => 1));
        // Each completed (the queue may hold other files' jobs of this run: not counted).
        const states = await Promise.all(jobs.map((job) => required(job, 'the job').getState()));
        expect(states).toEqual(ofQueue.map(() => 'completed'));
      } finally {
        await queue.close();
      }
    }

    // A bid reads the same through either api.
    const [one, other] = await Promise.all(
      coordinators.map((coordinator) => coordinator.get(`/api/bids/${at(bidIds, 0)}`).expect(200)),
    );
    expect(one?.body).toEqual(other?.body);
  }, 600_000);
});

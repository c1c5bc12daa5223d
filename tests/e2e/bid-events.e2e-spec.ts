import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { AccessService, BidEventsFeed } from '@cordage/application';
import { required } from '@cordage/domain';
import { exampleScenario, issueLoginToken } from '@cordage/testing';
import type { Grant, SignedIn } from './support/actors';
import { moveBid, proposeFirstAllocation } from './support/bid-state';
import { spawnApi, stopProcess } from './support/harness';
import {
  type System,
  exampleBidWithCoordinator,
  memberWithEditor,
  otherNetworkCoordinator,
  systemForTests,
} from './support/system';

jest.setTimeout(300_000);

interface Frame {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

/** An open event stream: its frames as they come, its comments, and how to leave it. */
interface OpenStream {
  status: number;
  frames: Frame[];
  comments: string[];
  /** Resolves with the first frame (already come or still to come) that `match` accepts. */
  next(match: (frame: Frame) => boolean): Promise<Frame>;
  /** Resolves once a comment (a heartbeat) has come. */
  comment(): Promise<string>;
  close(): void;
}

/** A session cookie for `email`, signed in through the real flow. */
async function sessionCookie(system: System, email: string, grants: Grant[]): Promise<string> {
  const user = await system.api.get(AccessService).ensureUser(email, email, grants);
  const token = await issueLoginToken(system.api, { email: user.email, userId: user.id });
  const opened = await request(system.api.getHttpServer())
    .post('/api/auth/session')
    .send({ token })
    .expect(201);
  const cookies = opened.headers['set-cookie'] as unknown as string[];
  return cookies.map((cookie) => required(cookie.split(';')[0], 'a cookie')).join('; ');
}

/** Opens GET {base}/api/bids/{bidId}/events as the cookie's session, with fetch's stream. */
async function openStream(base: string, bidId: string, cookie: string): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/bids/${bidId}/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const frames: Frame[] = [];
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  let ended = false;
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const frame: Partial<Frame> = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line);
              else if (line.startsWith('event: ')) frame.event = line.slice(7);
              else if (line.startsWith('id: ')) frame.id = line.slice(4);
              else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6));
            }
            if (frame.event) frames.push(frame as Frame);
            wake();
          }
        }
      } catch {
        // aborted by close()
      } finally {
        ended = true;
        wake();
      }
    })();
  }
  const waitUntil = async <T>(found: () => T | undefined): Promise<T> => {
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (ended) throw new Error('the stream ended');
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return {
    status: response.status,
    frames,
    comments,
    next: (match) => waitUntil(() => frames.find(match)),
    comment: () => waitUntil(() => comments[0]),
    close: () => controller.abort(),
  };
}

/** Waits until the condition holds (no timing is asserted: only the final state). */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('A bid’s live event stream (server-sent events, Postgres LISTEN/NOTIFY)', () => {
  const system = systemForTests();
  let base: string;
  let bidId: string;
  let otherBidId: string;
  let versionId: string;
  let coordinatorCookie: string;
  let otherCoordinator: SignedIn;
  let editor: Awaited<ReturnType<typeof memberWithEditor>>;
  let otherApi: { process: ChildProcess; url: string } | undefined;
  const opened: OpenStream[] = [];

  beforeAll(async () => {
    await system.api.listen(0, '127.0.0.1');
    base = (await system.api.getUrl()).replace('[::1]', '127.0.0.1');
    const made = await exampleBidWithCoordinator(system);
    bidId = made.bidId;
    await proposeFirstAllocation(system.dataSource, made.coordinator, bidId);
    const [version] = await system.dataSource.query<{ id: string }[]>(
      'SELECT id FROM allocation_versions WHERE bid_id = $1 AND number = 1',
      [bidId],
    );
    versionId = required(version, 'version 1').id;
    editor = await memberWithEditor(system, bidId, 'org-003');
    coordinatorCookie = await sessionCookie(system, 'coord@reseau.test', [
      { role: 'COORDINATOR', networkId: made.networkId },
    ]);
    // A second bid of the same network, for the stream of one bid never to carry the other's.
    const other = await exampleBidWithCoordinator(system, {
      scenario: exampleScenario({ reference: 'AUTRE-CONSULTATION' }),
    });
    otherBidId = other.bidId;
    otherCoordinator = other.coordinator;
    await moveBid(system.dataSource, otherBidId, 'ALLOCATING');
  });

  afterAll(async () => {
    for (const stream of opened) stream.close();
    if (otherApi) await stopProcess(otherApi.process);
  });

  const open = async (url: string, bid: string, cookie: string) => {
    const stream = await openStream(url, bid, cookie);
    opened.push(stream);
    return stream;
  };

  /** The partner approves the proposed allocation: the `allocation.voted` change `stream` brings. */
  const approveAndHearTheVote = async (stream: OpenStream) => {
    await editor.editor
      .post(`/api/bids/${bidId}/members/${editor.member.id}/votes`)
      .send({ choice: 'APPROVE' })
      .expect(200);
    return stream.next(
      (frame) => frame.event === 'change' && frame.data.kind === 'allocation.voted',
    );
  };

  it('brings a partner’s vote to the coordinator’s open stream, kind and ids only', async () => {
    const stream = await open(base, bidId, coordinatorCookie);
    expect(stream.status).toBe(200);
    const ready = await stream.next((frame) => frame.event === 'ready');
    expect(ready.data).toEqual({ bidId, resync: false });

    const vote = await approveAndHearTheVote(stream);
    expect(vote.data).toEqual({
      seq: vote.id,
      bidId,
      kind: 'allocation.voted',
      entityType: 'allocation_version',
      entityId: versionId,
    });
    // Nothing of the ballot itself (choice, comment, member) travels on the stream.
    expect(JSON.stringify(stream.frames)).not.toMatch(/APPROVE|org-003/);
  });

  it('answers another network’s coordinator 404, and nobody signed out 401', async () => {
    const stranger = await otherNetworkCoordinator(system);
    const refused = await stranger.get(`/api/bids/${bidId}/events`).expect(404);
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND' });
    await request(system.api.getHttpServer()).get(`/api/bids/${bidId}/events`).expect(401);
    expect(system.api.get(BidEventsFeed).followers(bidId)).toBe(1);
  });

  it('never carries another bid’s events on a bid’s stream', async () => {
    const streamA = await open(base, bidId, coordinatorCookie);
    const streamB = await open(base, otherBidId, coordinatorCookie);
    await streamA.next((frame) => frame.event === 'ready');
    await streamB.next((frame) => frame.event === 'ready');
    // A change of B, then one of A: B's stream hears B's, A's stream only A's.
    await otherCoordinator.post(`/api/bids/${otherBidId}/allocations`).expect(202);
    const onB = await streamB.next((frame) => frame.event === 'change');
    expect(onB.data.bidId).toBe(otherBidId);
    await editor.editor
      .post(`/api/bids/${bidId}/members/${editor.member.id}/votes`)
      .send({ choice: 'OBJECT', comment: 'Trop d’heures à Saint-Denis' })
      .expect(200);
    await streamA.next((frame) => frame.event === 'change');
    expect(streamA.frames.filter((frame) => frame.event === 'change')).not.toHaveLength(0);
    for (const frame of streamA.frames.filter((f) => f.event === 'change'))
      expect(frame.data.bidId).toBe(bidId);
    for (const frame of streamB.frames.filter((f) => f.event === 'change'))
      expect(frame.data.bidId).toBe(otherBidId);
  });

  it('releases the listener when the reader leaves', async () => {
    const feed = system.api.get(BidEventsFeed);
    for (const stream of opened.splice(0)) stream.close();
    await eventually(() => feed.followers() === 0, 'every subscription to be released');
    const stream = await open(base, bidId, coordinatorCookie);
    await stream.next((frame) => frame.event === 'ready');
    expect(feed.followers(bidId)).toBe(1);
    stream.close();
    await eventually(() => feed.followers(bidId) === 0, 'the subscription to be released');
    expect(feed.followers()).toBe(0);
  });

  it('reaches a stream opened on another api process, with its heartbeats', async () => {
    otherApi = await spawnApi({ HTTP_EVENTS_HEARTBEAT_SECONDS: '1' });
    const stream = await open(otherApi.url, bidId, coordinatorCookie);
    expect(stream.status).toBe(200);
    await stream.next((frame) => frame.event === 'ready');
    // The vote goes through this process's api; the other process hears it from Postgres.
    const vote = await approveAndHearTheVote(stream);
    expect(vote.data).toMatchObject({ bidId, entityId: versionId });
    expect(await stream.comment()).toBe(': ping');
    stream.close();
  });
});

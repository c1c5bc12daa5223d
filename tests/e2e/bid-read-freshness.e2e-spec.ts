import type { ChildProcess } from 'node:child_process';
import { issueLoginToken } from '@cordage/testing';
import { type SignedIn, openSession } from './support/actors';
import { moveBid } from './support/bid-state';
import { spawnApi, stopProcess } from './support/harness';
import { exampleBidWithCoordinator, memberByKey, systemForTests } from './support/system';

interface Bid {
  transparency: string;
  lots: { number: number; amountCents: number; cells: { territory: string }[] }[];
  members: { id: string; offeredHours: number }[];
}

/**
 * The api keeps each bid's read per revision (BidViewCache). Read, write, read again: the second
 * read gives the new state, whether the write went through the same api process or another one
 * (which this process's kept read knows nothing of).
 */
describe('A bid read after a write through the api gives the new state', () => {
  const system = systemForTests({ worker: false });
  let other: ChildProcess | undefined;
  let bidId: string;
  /** Through this process's api, whose kept reads are under test. */
  let reader: SignedIn;
  /** The same coordinator through another api process. */
  let writer: SignedIn;

  beforeAll(async () => {
    const spawned = await spawnApi();
    other = spawned.process;
    ({ bidId, coordinator: reader } = await exampleBidWithCoordinator(system));
    writer = await openSession(
      spawned.url,
      await issueLoginToken(system.persistence, { email: reader.email, userId: reader.userId }),
      reader.email,
      reader.userId,
    );
    await moveBid(system.dataSource, bidId, 'COLLECTING');
  }, 180_000);

  afterAll(async () => {
    if (other) await stopProcess(other, 'SIGKILL');
  });

  const read = async () => (await reader.get(`/api/bids/${bidId}`).expect(200)).body as Bid;

  it('settings changed through the other api process', async () => {
    const before = await read();
    expect(await read()).toEqual(before);
    const transparency = before.transparency === 'OPEN' ? 'ALLOCATION_ONLY' : 'OPEN';
    await writer.patch(`/api/bids/${bidId}`).send({ transparency }).expect(204);
    expect((await read()).transparency).toBe(transparency);
  });

  it('offers declared through the other api process', async () => {
    const member = await memberByKey(system.dataSource, bidId, 'org-001');
    const offeredBy = (bid: Bid) => bid.members.find((m) => m.id === member.id)?.offeredHours;
    expect(offeredBy(await read())).not.toBe(432);
    await writer
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({ offers: [{ lot: 1, territory: 'COM:93066', hours: 432, preference: 'PRIMARY' }] })
      .expect(200);
    expect(offeredBy(await read())).toBe(432);
  });

  it('a corrigendum applied through the same api process', async () => {
    const lot = (bid: Bid, number: number) => bid.lots.find((one) => one.number === number);
    const before = await read();
    expect(lot(before, 1)?.cells.map((cell) => cell.territory)).toContain('COM:93066');
    await reader
      .post(`/api/bids/${bidId}/corrigenda`)
      .send({
        reason: 'Le collège de Saint-Denis sort du marché ; le lot 2 est réévalué.',
        buyerReference: 'AR-2026-01',
        publishedOn: '2026-12-01',
        changes: [
          { kind: 'CELL_REMOVED', lot: 1, territory: 'COM:93066' },
          { kind: 'LOT_CHANGED', lot: 2, amountCents: 25_000_000 },
        ],
      })
      .expect(201);
    const after = await read();
    expect(lot(after, 1)?.cells.map((cell) => cell.territory)).not.toContain('COM:93066');
    expect(lot(after, 2)?.amountCents).toBe(25_000_000);
  });
});

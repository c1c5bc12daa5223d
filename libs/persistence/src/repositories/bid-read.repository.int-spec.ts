import { required } from '@cordage/domain';
import { clearData, exampleScenario, importTestBid, testPersistence } from '@cordage/testing';
import { BidReadRepository } from './bid-read.repository';

describe('BidReadRepository.findBid on Postgres: the bid in one query', () => {
  const persistence = testPersistence();
  let reader: BidReadRepository;
  let bidId: string;

  beforeAll(async () => {
    reader = persistence.get(BidReadRepository);
    await clearData(persistence.dataSource);
    ({ bidId } = await importTestBid(persistence, exampleScenario({ extraMembers: 3 })));
  }, 60_000);

  it('gives every member in key order, with its own offer totals and limits', async () => {
    const bid = required(await reader.findBid(bidId), 'the bid');
    const expected = await persistence.dataSource.query<
      { key: string; offers: number; hours: string | null; max_hours: string | null }[]
    >(
      `SELECT m.key, count(o.id)::int AS offers, sum(o.hours) AS hours, l.max_hours
         FROM members m LEFT JOIN offers o ON o.member_id = m.id
         LEFT JOIN member_limits l ON l.member_id = m.id
        WHERE m.bid_id = $1 GROUP BY m.key, l.max_hours ORDER BY m.key`,
      [bidId],
    );
    expect(
      bid.members.map((member) => [member.key, member.offerCount, member.offeredHours]),
    ).toEqual(expected.map((row) => [row.key, row.offers, Number(row.hours ?? 0)]));
    const withoutOffers = required(
      bid.members.find((member) => member.offerCount === 0),
      'a member without offers (a subcontractor)',
    );
    expect(withoutOffers.offeredHours).toBe(0);
    expect(bid.members.filter((member) => member.limits !== null)).toHaveLength(
      (await persistence.dataSource.query('SELECT 1 FROM member_limits')).length,
    );
    expect(bid.totals.offers).toBe(
      (await persistence.dataSource.query('SELECT 1 FROM offers')).length,
    );
  });

  it('gives the lots in number order, each cell with the offers made on it', async () => {
    const bid = required(await reader.findBid(bidId), 'the bid');
    expect(bid.lots.map((lot) => lot.number)).toEqual([1, 2, 3, 4]);
    const cells = await persistence.dataSource.query<{ id: string; offers: number }[]>(
      `SELECT c.id, count(o.id)::int AS offers FROM lot_cells c
         LEFT JOIN offers o ON o.lot_cell_id = c.id GROUP BY c.id`,
    );
    const offersOf = new Map(cells.map((cell) => [cell.id, cell.offers]));
    const read = bid.lots.flatMap((lot) => lot.cells);
    expect(read).toHaveLength(cells.length);
    for (const cell of read) expect(cell.offerCount).toBe(offersOf.get(cell.id));
    for (const lot of bid.lots) {
      const codes = lot.cells.map((cell) => cell.territory);
      expect(codes).toEqual([...codes].sort());
      expect(lot.offeredHours).toBe(lot.cells.reduce((sum, cell) => sum + cell.offeredHours, 0));
    }
  });

  it('gives the subcontracts by lot then principal, and no bid for an unknown id', async () => {
    const bid = required(await reader.findBid(bidId), 'the bid');
    expect(bid.subcontracts).toHaveLength(5);
    const order = bid.subcontracts.map((row) => `${row.lot}/${row.principal}`);
    expect(order).toEqual(
      [...bid.subcontracts]
        .sort((a, b) => a.lot - b.lot || (a.principal < b.principal ? -1 : 1))
        .map((row) => `${row.lot}/${row.principal}`),
    );
    expect(await reader.findBid('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

import { AccessRepository } from '@cordage/persistence';
import { clearData, exampleScenario, testPersistence } from '@cordage/testing';
import { ScenarioImporter } from '../allocations/scenario-importer.service';

/**
 * A realised entry names "a member of this bid" and "a cell of this lot" by keys of two columns:
 * the database itself refuses a figure that mixes two bids or two lots, whatever wrote it.
 */
describe('realised entries: the keys that tie a figure to its own bid and lot', () => {
  const persistence = testPersistence();
  const db = () => persistence.dataSource;

  let ours: { bidId: string; memberId: string; lotId: string; lotCellId: string };
  let theirs: { bidId: string; memberId: string; lotId: string; lotCellId: string };
  let ourOtherLotId: string;

  async function importBid(network: string): Promise<string> {
    const networkId = await persistence.get(AccessRepository).ensureNetwork(network);
    const { bidId } = await persistence.get(ScenarioImporter).import(exampleScenario(), {
      networkId,
      actor: { userId: null, label: 'test', requestId: null },
    });
    return bidId;
  }

  async function firstRowsOf(bidId: string, lotNumber: number) {
    const [row] = await db().query<{ member_id: string; lot_id: string; lot_cell_id: string }[]>(
      `SELECT m.id AS member_id, l.id AS lot_id, c.id AS lot_cell_id
       FROM members m, bids b JOIN lots l ON l.tender_id = b.tender_id AND l.number = $2
       JOIN lot_cells c ON c.lot_id = l.id
       WHERE m.bid_id = b.id AND b.id = $1 ORDER BY m.key, c.id LIMIT 1`,
      [bidId, lotNumber],
    );
    if (!row) throw new Error(`no member or cell on lot ${lotNumber} of ${bidId}`);
    return { bidId, memberId: row.member_id, lotId: row.lot_id, lotCellId: row.lot_cell_id };
  }

  beforeAll(async () => {
    await clearData(db());
    ours = await firstRowsOf(await importBid('Réseau A'), 1);
    theirs = await firstRowsOf(await importBid('Réseau B'), 1);
    ourOtherLotId = (await firstRowsOf(ours.bidId, 2)).lotId;
  });

  const insertEntry = (row: {
    bidId: string;
    memberId: string;
    lotId: string;
    lotCellId: string;
  }) =>
    db().query(
      `INSERT INTO realised_entries (bid_id, member_id, lot_id, lot_cell_id, period_number, hours,
         revenue_cents, insertion_hours, insertion_people, author_label, on_behalf)
       VALUES ($1, $2, $3, $4, 1, 7, 700, 0, 0, 'test', false)`,
      [row.bidId, row.memberId, row.lotId, row.lotCellId],
    );

  it('keeps an entry of a member of the bid on a cell of its lot', async () => {
    await insertEntry(ours);
    const [{ count }] = await db().query<[{ count: string }]>(
      `SELECT count(*) FROM realised_entries WHERE bid_id = $1`,
      [ours.bidId],
    );
    expect(count).toBe('1');
  });

  it("refuses an entry of another bid's member", async () => {
    await expect(insertEntry({ ...ours, memberId: theirs.memberId })).rejects.toMatchObject({
      code: '23503',
      table: 'realised_entries',
    });
  });

  it('refuses an entry on a cell of another lot than the one it names', async () => {
    await expect(insertEntry({ ...ours, lotId: ourOtherLotId })).rejects.toMatchObject({
      code: '23503',
      table: 'realised_entries',
    });
  });

  it("refuses a figure in force of another bid's member", async () => {
    await expect(
      db().query(
        `INSERT INTO realised_figures (bid_id, member_id, lot_cell_id, period_number, lot_id,
           entry_id, hours, revenue_cents, insertion_hours, insertion_people, corrections)
         VALUES ($1, $2, $3, 1, $4, gen_random_uuid(), 7, 700, 0, 0, 0)`,
        [ours.bidId, theirs.memberId, ours.lotCellId, ours.lotId],
      ),
    ).rejects.toMatchObject({ code: '23503', table: 'realised_figures' });
  });
});

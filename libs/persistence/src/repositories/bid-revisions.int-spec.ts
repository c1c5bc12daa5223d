import type { DataSource, QueryRunner } from 'typeorm';
import { type BidView, required } from '@cordage/domain';
import { clearData, exampleScenario, importTestBid, testPersistence } from '@cordage/testing';
import { type Db, TransactionHost } from '../unit-of-work';
import { BID_SQL, BidReadRepository } from './bid-read.repository';
import { BidViewCache } from './bid-view.cache';

/** The tables a statement reads, as Postgres plans it (its parse, not a regular expression's). */
async function tablesRead(dataSource: DataSource, sql: string, parameters: unknown[]) {
  const [{ 'QUERY PLAN': plan }] = await dataSource.query<[{ 'QUERY PLAN': unknown }]>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    parameters,
  );
  const tables = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const relation = (node as Record<string, unknown>)['Relation Name'];
      if (typeof relation === 'string') tables.add(relation);
      Object.values(node).forEach(visit);
    }
  };
  visit(plan);
  return tables;
}

async function begin(dataSource: DataSource): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  return runner;
}

describe('Bid revisions on Postgres: a new one at each commit that changes the bid’s read', () => {
  const persistence = testPersistence();
  let bidId: string;
  let otherBidId: string;

  beforeEach(async () => {
    await clearData(persistence.dataSource);
    ({ bidId } = await importTestBid(persistence));
    ({ bidId: otherBidId } = await importTestBid(
      persistence,
      exampleScenario({ reference: 'AUTRE-2026', series: 2 }),
    ));
  }, 60_000);

  const revisionOf = async (id: string) =>
    required(await persistence.get(BidReadRepository).revision(id), 'the revision');
  const kept = async () => required(await persistence.get(BidViewCache).read(bidId), 'the read');
  const titleOf = (view: BidView) => view.tender.title;

  it('has the revision triggers on every table the bid’s read reads', async () => {
    const tables = await tablesRead(persistence.dataSource, BID_SQL, [bidId]);
    tables.delete('bid_revisions'); // the revision itself
    // The read's joins, as the plan names them: a plan that lost them would prove nothing.
    expect([...tables].sort()).toEqual(
      expect.arrayContaining(['bids', 'lot_cells', 'members', 'offers', 'territories']),
    );
    const triggers = await persistence.dataSource.query<{ table: string; name: string }[]>(
      `SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE t.tgenabled = 'O' AND p.proname = 'bid_revisions_mark_' || c.relname`,
    );
    const missing = [...tables].flatMap((table) =>
      ['insert', 'update', 'delete', 'truncate']
        .map((kind) => `${table}_revision_${kind}`)
        .filter((name) => !triggers.some((row) => row.table === table && row.name === name)),
    );
    expect(missing).toEqual([]);
  });

  // One statement per table the read reads, on a row of the bid (an update that changes nothing
  // still changes the revision: the trigger does not compare values).
  const writes: Record<string, string> = {
    bids: `UPDATE bids SET secondary_cost = secondary_cost WHERE id = $1`,
    tenders: `UPDATE tenders SET title = title || ' (rectifié)'
               WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
    lots: `UPDATE lots SET title = title
            WHERE tender_id = (SELECT tender_id FROM bids WHERE id = $1)`,
    lot_cells: `UPDATE lot_cells SET label = 'Collège' WHERE id = (
                  SELECT c.id FROM lot_cells c JOIN lots l ON l.id = c.lot_id
                    JOIN bids b ON b.tender_id = l.tender_id WHERE b.id = $1 LIMIT 1)`,
    territories: `UPDATE territories SET name = name WHERE id = (
                    SELECT c.territory_id FROM lot_cells c JOIN lots l ON l.id = c.lot_id
                      JOIN bids b ON b.tender_id = l.tender_id WHERE b.id = $1 LIMIT 1)`,
    organisations: `UPDATE organisations SET legal_name = legal_name
                     WHERE id = (SELECT mandataire_id FROM bids WHERE id = $1)`,
    network_organisations: `UPDATE network_organisations SET staff = 77 WHERE (network_id, organisation_id) =
                              (SELECT b.network_id, m.organisation_id FROM members m
                                 JOIN bids b ON b.id = m.bid_id WHERE b.id = $1 LIMIT 1)`,
    members: `UPDATE members SET key = key WHERE bid_id = $1`,
    member_limits: `DELETE FROM member_limits
                     WHERE member_id IN (SELECT id FROM members WHERE bid_id = $1)`,
    offers: `DELETE FROM offers WHERE id = (SELECT o.id FROM offers o
               JOIN members m ON m.id = o.member_id WHERE m.bid_id = $1 LIMIT 1)`,
    subcontracts: `DELETE FROM subcontracts WHERE bid_id = $1`,
  };

  /** Rows that several bids may show (the two bids here share territories and organisations). */
  const SHARED = new Set(['territories', 'organisations', 'network_organisations']);

  it.each(Object.entries(writes))(
    'a write on %s gives the bid a new revision',
    async (table, sql) => {
      const before = await revisionOf(bidId);
      const other = await revisionOf(otherBidId);
      const [, changed] = await persistence.dataSource.query<[unknown, number]>(sql, [bidId]);
      expect(changed).toBeGreaterThan(0);
      expect(await revisionOf(bidId)).not.toBe(before);
      // A row of this bid's own: the other bid keeps its revision (and its kept read).
      if (!SHARED.has(table)) expect(await revisionOf(otherBidId)).toBe(other);
    },
  );

  it('covers every table the read reads with one of the writes above', async () => {
    const tables = await tablesRead(persistence.dataSource, BID_SQL, [bidId]);
    tables.delete('bid_revisions');
    expect(Object.keys(writes).sort()).toEqual([...tables].sort());
  });

  it('never serves the read of before a commit once it is committed, nor a write not yet committed', async () => {
    const before = await kept();
    const writer = await begin(persistence.dataSource);
    try {
      await writer.query(
        `UPDATE tenders SET title = 'Titre rectifié' WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
        [bidId],
      );
      expect(titleOf(await kept())).toBe(titleOf(before)); // not committed: nobody else sees it
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    expect(titleOf(await kept())).toBe('Titre rectifié');
  });

  it('reads through inside a transaction, and keeps nothing of one rolled back', async () => {
    const before = await kept();
    const revision = await revisionOf(bidId);
    const rollback = new Error('rolled back on purpose');
    const db = persistence.get<Db>(TransactionHost);
    await expect(
      db.withTransaction(async () => {
        await db.tx.query(
          `UPDATE tenders SET title = 'Jamais publié' WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
          [bidId],
        );
        expect(titleOf(await kept())).toBe('Jamais publié');
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await revisionOf(bidId)).toBe(revision);
    expect(await kept()).toBe(before);
    // The next commit gets a value never given before, not the one the rollback dropped.
    await persistence.dataSource.query(`UPDATE bids SET status = status WHERE id = $1`, [bidId]);
    const [sequence] = await persistence.dataSource.query<{ last: string }[]>(
      `SELECT last_value AS last FROM bid_revision_seq`,
    );
    expect(await revisionOf(bidId)).toBe(required(sequence, 'the sequence').last);
  });

  it('takes the revision only at commit: writers of one bid wait for each other’s rows only, no deadlock', async () => {
    // A writer that changed the bid without locking its row, and one that locks the row then
    // writes: had the first locked the revision at its write, the second's write would wait for
    // it while it waits for the row, a deadlock.
    const first = await begin(persistence.dataSource);
    const second = await begin(persistence.dataSource);
    try {
      await first.query(`UPDATE members SET key = key WHERE bid_id = $1 AND key = 'org-001'`, [
        bidId,
      ]);
      await second.query(`SELECT id FROM bids WHERE id = $1 FOR UPDATE`, [bidId]);
      const firstLocks = first.query(`SELECT id FROM bids WHERE id = $1 FOR UPDATE`, [bidId]);
      await second.query(`UPDATE members SET key = key WHERE bid_id = $1 AND key = 'org-002'`, [
        bidId,
      ]);
      await second.commitTransaction();
      const afterSecond = await revisionOf(bidId);
      await firstLocks;
      await first.commitTransaction();
      expect(await revisionOf(bidId)).not.toBe(afterSecond);
    } finally {
      await first.release();
      await second.release();
    }
  }, 30_000);
});

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each table the bid's read reads (`BidReadRepository.findBid`), and the bids that a set of its
 * rows, `changed`, shows in: the revision triggers note those bids. A row that a cascade deletes
 * with its parent is found through the parent's own trigger (the parent's rows carry the bid).
 * `bid-revisions.int-spec.ts` fails when the read reads a table that is not here.
 */
const BIDS_OF_CHANGED: Record<string, string> = {
  bids: `SELECT id FROM changed`,
  tenders: `SELECT b.id FROM changed r JOIN bids b ON b.tender_id = r.id`,
  lots: `SELECT b.id FROM changed r JOIN bids b ON b.tender_id = r.tender_id`,
  lot_cells: `SELECT b.id FROM changed r JOIN lots l ON l.id = r.lot_id
                JOIN bids b ON b.tender_id = l.tender_id`,
  // A cell shows its territory's code and name and its parent's code; a member its seat's code.
  territories: `SELECT b.id FROM lot_cells c JOIN lots l ON l.id = c.lot_id
                  JOIN bids b ON b.tender_id = l.tender_id
                 WHERE c.territory_id IN (SELECT id FROM changed)
                    OR c.territory_id IN (SELECT t.id FROM territories t
                                           WHERE t.parent_id IN (SELECT id FROM changed))
                UNION
                SELECT m.bid_id FROM changed r
                  JOIN network_organisations own ON own.home_territory_id = r.id
                  JOIN members m ON m.organisation_id = own.organisation_id
                  JOIN bids b ON b.id = m.bid_id AND b.network_id = own.network_id`,
  organisations: `SELECT m.bid_id FROM changed r JOIN members m ON m.organisation_id = r.id
                  UNION
                  SELECT b.id FROM changed r JOIN bids b ON b.mandataire_id = r.id`,
  // What a network entered of an organisation shows in that network's bids only.
  network_organisations: `SELECT m.bid_id FROM changed r
                            JOIN members m ON m.organisation_id = r.organisation_id
                            JOIN bids b ON b.id = m.bid_id AND b.network_id = r.network_id`,
  members: `SELECT bid_id FROM changed`,
  member_limits: `SELECT m.bid_id FROM members m
                   WHERE m.id IN (SELECT member_id FROM changed)`,
  offers: `SELECT m.bid_id FROM members m WHERE m.id IN (SELECT member_id FROM changed)`,
  subcontracts: `SELECT bid_id FROM changed`,
};

const markingFunction = (table: string) => `bid_revisions_mark_${table}`;

/** Notes, for the running transaction, the bids of the rows a statement changed. */
function markingFunctionSql(table: string, bidsOf: string): string {
  const bidsOfRows = (transition: string) =>
    `SELECT * FROM (${bidsOf}) AS bids_of_rows`.replace(/\bchanged\b/g, transition);
  const mark = (bids: string) =>
    `INSERT INTO bid_revision_marks (xact, bid_id)
       SELECT DISTINCT txid_current(), bid_id FROM (${bids}) AS marked (bid_id)
     ON CONFLICT DO NOTHING;`;
  return `CREATE FUNCTION ${markingFunction(table)}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${mark(bidsOfRows('changed_new'))}
      ELSIF TG_OP = 'DELETE' THEN
        ${mark(bidsOfRows('changed_old'))}
      ELSIF TG_OP = 'UPDATE' THEN
        ${mark(`${bidsOfRows('changed_old')} UNION ${bidsOfRows('changed_new')}`)}
      ELSE -- TRUNCATE: no rows to tell, every bid may have changed
        ${mark('SELECT id FROM bids')}
      END IF;
      RETURN NULL;
    END $$`;
}

/** Statement-level triggers (one run per statement, whatever its rows) with transition tables. */
function triggersSql(table: string): string[] {
  const fn = markingFunction(table);
  return [
    `CREATE TRIGGER ${table}_revision_insert AFTER INSERT ON "${table}"
       REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${table}_revision_update AFTER UPDATE ON "${table}"
       REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${table}_revision_delete AFTER DELETE ON "${table}"
       REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${table}_revision_truncate AFTER TRUNCATE ON "${table}"
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

/**
 * Issue 18: a revision per bid, bumped by Postgres itself whenever a committed transaction changed
 * anything the bid's read shows, so that the api can keep that read under (bid, revision) and
 * never serve it stale. Statement triggers on each table the read reads note the bids changed
 * (`bid_revision_marks`); a deferred trigger gives them, at commit, new values of a sequence (never
 * given twice, even after a rollback). The revision rows are locked only then, after every other
 * lock the transaction takes, and in the order of the bids' ids: two writers of one bid wait for
 * each other only while committing, and no cycle of locks (deadlock) can go through them.
 */
export class BidRevisions1796663153294 implements MigrationInterface {
  name = 'BidRevisions1796663153294';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bid_revisions" ("bid_id" uuid NOT NULL, "revision" bigint NOT NULL, CONSTRAINT "PK_9651488d40af5451446c20e4f35" PRIMARY KEY ("bid_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bid_revision_marks" ("xact" bigint NOT NULL, "bid_id" uuid NOT NULL, CONSTRAINT "PK_cb8ffd9d42186f98b689e05163b" PRIMARY KEY ("xact", "bid_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "bid_revisions" ADD CONSTRAINT "FK_9651488d40af5451446c20e4f35" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE SEQUENCE "bid_revision_seq"`);
    await queryRunner.query(
      `INSERT INTO "bid_revisions" ("bid_id", "revision")
       SELECT id, nextval('bid_revision_seq') FROM bids`,
    );
    // At commit (deferred), once per noted bid: the first run takes all the transaction's marks.
    await queryRunner.query(
      `CREATE FUNCTION bid_revisions_bump_marked() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         WITH marked AS (
           DELETE FROM bid_revision_marks WHERE xact = txid_current() RETURNING bid_id)
         INSERT INTO bid_revisions (bid_id, revision)
         SELECT b.id, nextval('bid_revision_seq') FROM bids b
          WHERE b.id IN (SELECT bid_id FROM marked)
          ORDER BY b.id
         ON CONFLICT (bid_id) DO UPDATE SET revision = excluded.revision;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER bid_revision_marks_bump AFTER INSERT ON "bid_revision_marks"
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bid_revisions_bump_marked()`,
    );
    for (const [table, bidsOf] of Object.entries(BIDS_OF_CHANGED)) {
      await queryRunner.query(markingFunctionSql(table, bidsOf));
      for (const sql of triggersSql(table)) await queryRunner.query(sql);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(BIDS_OF_CHANGED)) {
      for (const kind of ['insert', 'update', 'delete', 'truncate']) {
        await queryRunner.query(`DROP TRIGGER ${table}_revision_${kind} ON "${table}"`);
      }
      await queryRunner.query(`DROP FUNCTION ${markingFunction(table)}()`);
    }
    await queryRunner.query(`DROP TRIGGER bid_revision_marks_bump ON "bid_revision_marks"`);
    await queryRunner.query(`DROP FUNCTION bid_revisions_bump_marked()`);
    await queryRunner.query(`DROP SEQUENCE "bid_revision_seq"`);
    await queryRunner.query(
      `ALTER TABLE "bid_revisions" DROP CONSTRAINT "FK_9651488d40af5451446c20e4f35"`,
    );
    await queryRunner.query(`DROP TABLE "bid_revision_marks"`);
    await queryRunner.query(`DROP TABLE "bid_revisions"`);
  }
}

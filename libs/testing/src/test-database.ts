import type { DataSource } from 'typeorm';
import { TERRITORY_LEVELS, isSelfDeclaredLevel } from '@cordage/domain';

/**
 * The tables whose rows outlive a test; every other table of the schema is emptied, so that a
 * new table is cleaned without anyone listing it here.
 * - TypeORM's own: the migrations run, the generated columns' definitions.
 * - The audit log: append-only by design (the database refuses deletions); its chain stays valid
 *   since nothing is removed from it.
 * - The platform's keys: made once on first use and held in memory by a running api or worker.
 */
const KEPT_TABLES = new Set(['migrations', 'typeorm_metadata', 'audit_events', 'platform_keys']);

/** The official territories seeded by `cordage migrate` stay; the ones an import declared go. */
const TEST_MADE_TERRITORY_LEVELS = TERRITORY_LEVELS.filter(isSelfDeclaredLevel);

/**
 * Empties the schema's tables between tests but the kept ones above, in one transaction. The
 * foreign keys and the frozen documents' guard are triggers: the session stops firing them
 * (replica role, for which the harness's role, the server's superuser, qualifies) so the tables
 * empty in any order: no order of whole-table deletions would do, since territories sit on both
 * sides (a site references its bid, the bid's organisations a territory).
 */
export async function clearData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    const tables = await manager.query<{ name: string }[]>(
      'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1',
    );
    for (const { name } of tables) {
      if (KEPT_TABLES.has(name)) continue;
      if (name === 'territories') {
        await manager.query('DELETE FROM territories WHERE level = ANY($1)', [
          TEST_MADE_TERRITORY_LEVELS,
        ]);
      } else {
        await manager.query(`DELETE FROM "${name}"`);
      }
    }
  });
}

/** Moves the bid's tender deadline to noon in Paris, `days` days from today on Paris's calendar. */
export async function moveDeadline(dataSource: DataSource, bidId: string, days: number) {
  await dataSource.query(
    `UPDATE tenders
     SET deadline = (date_trunc('day', now() AT TIME ZONE 'Europe/Paris')
       + make_interval(days => $2, hours => 12)) AT TIME ZONE 'Europe/Paris'
     WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
    [bidId, days],
  );
}

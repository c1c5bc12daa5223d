import type { DataSource } from 'typeorm';

/**
 * Empties every bid-related table between tests; the seeded territories stay. DELETE in foreign-key
 * order rather than TRUNCATE ... CASCADE, which would also empty territories (a site references
 * its bid).
 */
export async function truncateBids(dataSource: DataSource): Promise<void> {
  for (const statement of [
    'DELETE FROM offers',
    'DELETE FROM member_limits',
    'DELETE FROM subcontracts',
    'DELETE FROM members',
    'DELETE FROM lot_cells',
    'DELETE FROM scenario_imports',
    'DELETE FROM outbox_messages',
    'DELETE FROM territories WHERE bid_id IS NOT NULL',
    'DELETE FROM bids',
    'DELETE FROM lots',
    'DELETE FROM tenders',
    'DELETE FROM organisations',
    "DELETE FROM territories WHERE level = 'BE'",
  ]) {
    await dataSource.query(statement);
  }
}

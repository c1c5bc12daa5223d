import type { DataSource } from 'typeorm';

/**
 * Empties every table between tests but the seeded territories and the audit log (append-only
 * by design; its chain stays valid since nothing is removed from it). DELETE in foreign-key
 * order rather than TRUNCATE ... CASCADE, which would also empty territories (a site references
 * its bid).
 */
export async function clearData(dataSource: DataSource): Promise<void> {
  // Frozen documents refuse to go unless the session says it purges (see the Documents migration).
  await dataSource.transaction(async (manager) => {
    await manager.query("SELECT set_config('cordage.purge', 'on', true)");
    for (const table of ['signatures', 'signature_codes', 'documents']) {
      await manager.query(`DELETE FROM ${table}`);
    }
  });
  for (const statement of [
    'DELETE FROM job_requests',
    'DELETE FROM signer_certificates',
    'DELETE FROM reminder_deliveries',
    'DELETE FROM charter_acceptances',
    'DELETE FROM charters',
    'DELETE FROM sessions',
    'DELETE FROM login_tokens',
    'DELETE FROM role_assignments',
    'DELETE FROM users',
    'DELETE FROM mail_log',
    'DELETE FROM offers',
    'DELETE FROM member_limits',
    'DELETE FROM subcontracts',
    'DELETE FROM members',
    'DELETE FROM lot_cells',
    'DELETE FROM outbox_messages',
    'DELETE FROM territories WHERE bid_id IS NOT NULL',
    'DELETE FROM bids',
    'DELETE FROM lots',
    'DELETE FROM tenders',
    'DELETE FROM network_organisations',
    'DELETE FROM networks',
    'DELETE FROM organisations',
    "DELETE FROM territories WHERE level = 'BE'",
  ]) {
    await dataSource.query(statement);
  }
}

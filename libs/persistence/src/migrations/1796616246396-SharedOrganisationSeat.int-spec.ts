import type { DataSource } from 'typeorm';
import { insertNetworkAndOrganisation, migrationTestDatabase } from '@cordage/testing';
import { MIGRATIONS } from './index';
import { SharedOrganisationSeat1796616246396 } from './1796616246396-SharedOrganisationSeat';

const ids = {
  network: '00000000-0000-4000-8000-000000000001',
  territory: '00000000-0000-4000-8000-000000000002',
  /** Brought in by a bid: its row holds what the bid gave. */
  organisation: '00000000-0000-4000-8000-000000000003',
  otherNetwork: '00000000-0000-4000-8000-000000000004',
  /** Created by the network's directory: its row got a copy of the entry. */
  byDirectory: '00000000-0000-4000-8000-000000000011',
  /** Created by a scenario file, its bare entry completed later by the directory. */
  completed: '00000000-0000-4000-8000-000000000012',
};

const CREATED = '2026-11-01T10:00:00.000Z';

async function seed(dataSource: DataSource): Promise<void> {
  const insert = (sql: string, parameters: unknown[] = []) => dataSource.query(sql, parameters);
  await insertNetworkAndOrganisation(dataSource, ids);
  await insert(`INSERT INTO networks (id, name) VALUES ($1, 'Réseau B')`, [ids.otherNetwork]);
  for (const [n, id] of [ids.byDirectory, ids.completed].entries()) {
    await insert(
      `INSERT INTO organisations (id, legal_name, kind, id_scheme, id_value, employees,
         home_territory_id, representative_name, representative_title, representative_email,
         created_at)
       VALUES ($1, $2, 'ESAT', 'SIRET', $3, 120, $4, 'Directrice', 'directrice', 'd@a.test', $5)`,
      [id, `Atelier ${n}`, `1234567890002${n}`, ids.territory, CREATED],
    );
    // Written in the same transaction as the organisation's row: the same created_at.
    await insert(
      `INSERT INTO network_organisations (network_id, organisation_id, staff, territories,
         representatives, created_at)
       VALUES ($1, $2, 120, '{DEP:93}', $3, $4)`,
      [
        ids.network,
        id,
        JSON.stringify([{ name: 'Directrice', title: 'directrice', email: 'd@a.test' }]),
        CREATED,
      ],
    );
  }
  const audit = (seq: number, action: string, entityId: string, networkId: string) =>
    insert(
      `INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type, entity_id, after,
         prev_hash, hash)
       VALUES ($1, now(), 'coord@a.test', $2, 'organisation', $3, $4, repeat('0', 64), repeat('1', 64))`,
      [seq, action, entityId, JSON.stringify({ networkId })],
    );
  await audit(1, 'directory.organisation_added', ids.byDirectory, ids.network);
  await audit(2, 'directory.organisation_completed', ids.completed, ids.network);
  // Another network adding the bid's organisation later: its entry is younger than the row.
  await insert(
    `INSERT INTO network_organisations (network_id, organisation_id, staff, territories)
     VALUES ($1, $2, 7, '{DEP:93}')`,
    [ids.otherNetwork, ids.organisation],
  );
  await audit(3, 'directory.organisation_added', ids.organisation, ids.otherNetwork);
}

describe('SharedOrganisationSeat migration: the shared row keeps no directory’s copy', () => {
  const database = migrationTestDatabase(
    'shared_organisation_seat',
    MIGRATIONS,
    SharedOrganisationSeat1796616246396,
    seed,
  );

  const rowOf = async (id: string) =>
    (
      await database.dataSource.query<Record<string, unknown>[]>(
        `SELECT employees, home_territory_id, representative_name, representative_title,
           representative_email FROM organisations WHERE id = $1`,
        [id],
      )
    )[0];

  it('empties the copy a directory wrote into the row it created', async () => {
    expect(await rowOf(ids.byDirectory)).toEqual({
      employees: 0,
      home_territory_id: null,
      representative_name: '',
      representative_title: '',
      representative_email: '',
    });
    // The network's own entry still holds them.
    expect(
      await database.dataSource.query(
        'SELECT staff, territories FROM network_organisations WHERE organisation_id = $1',
        [ids.byDirectory],
      ),
    ).toEqual([{ staff: 120, territories: ['DEP:93'] }]);
  });

  it('keeps what a bid or a scenario file gave, whoever completed or added it later', async () => {
    expect(await rowOf(ids.completed)).toMatchObject({
      employees: 120,
      home_territory_id: ids.territory,
      representative_email: 'd@a.test',
    });
    expect(await rowOf(ids.organisation)).toMatchObject({
      employees: 10,
      home_territory_id: ids.territory,
      representative_email: 'a@atelier.test',
    });
  });
});

import type { DataSource } from 'typeorm';
import { insertNetworkAndOrganisation, migrationTestDatabase } from '@cordage/testing';
import { MIGRATIONS } from './index';
import { NetworkOrganisationDetails1796641015715 } from './1796641015715-NetworkOrganisationDetails';

const ids = {
  network: '00000000-0000-4000-8000-000000000001',
  territory: '00000000-0000-4000-8000-000000000002',
  /** Brought in by network A's bid with its details, later a member of network B's bid too. */
  organisation: '00000000-0000-4000-8000-000000000003',
  otherNetwork: '00000000-0000-4000-8000-000000000004',
  /** Created by network A's directory: the shared row holds none of its details. */
  byDirectory: '00000000-0000-4000-8000-000000000005',
  /** Used by no bid and no directory. */
  unused: '00000000-0000-4000-8000-000000000006',
  bid: '00000000-0000-4000-8000-000000000101',
  otherBid: '00000000-0000-4000-8000-000000000102',
};

async function seed(dataSource: DataSource): Promise<void> {
  const insert = (sql: string, parameters: unknown[] = []) => dataSource.query(sql, parameters);
  await insertNetworkAndOrganisation(dataSource, ids);
  await insert(`INSERT INTO networks (id, name) VALUES ($1, 'Réseau B')`, [ids.otherNetwork]);
  // The particulars network A entered through its bid, written to the shared row.
  await insert(
    `UPDATE organisations SET legal_form = 'ASSOCIATION', registered_address = '1 rue A, Montreuil',
       approval_number = 'AGR-A', approval_authority = 'DDETS 93', representative_capacity = 'Présidente'
     WHERE id = $1`,
    [ids.organisation],
  );
  await insert(
    `INSERT INTO organisations (id, legal_name, kind, id_scheme, id_value, employees,
       home_territory_id, representative_name, representative_title, representative_email)
     VALUES ($1, 'Atelier du réseau', 'ESAT', 'SIRET', '12345678900029', 0, NULL, '', '', ''),
            ($2, 'Inutilisée', 'EI', 'SIRET', '12345678900037', 3, $3, 'U', 'Gérant', 'u@u.test')`,
    [ids.byDirectory, ids.unused, ids.territory],
  );
  await insert(
    `INSERT INTO network_organisations (network_id, organisation_id, staff, territories)
     VALUES ($1, $2, NULL, '{DEP:93}')`,
    [ids.network, ids.byDirectory],
  );
  // Network B had already entered its own staff and representative of the organisation.
  await insert(
    `INSERT INTO network_organisations (network_id, organisation_id, staff, representatives)
     VALUES ($1, $2, 42, $3)`,
    [
      ids.otherNetwork,
      ids.organisation,
      JSON.stringify([{ name: 'B', title: 'Directeur', email: 'b@atelier.test' }]),
    ],
  );
  for (const [n, [bidId, networkId]] of [
    [ids.bid, ids.network],
    [ids.otherBid, ids.otherNetwork],
  ].entries()) {
    const tenderId = `00000000-0000-4000-8000-00000000020${n}`;
    await insert(
      `INSERT INTO tenders (id, reference, title, buyer_name, buyer_id_scheme, buyer_id_value, deadline)
       VALUES ($1, $2, 'Marché', 'Département', 'SIRET', '22930001100017', now())`,
      [tenderId, `REF-${n}`],
    );
    await insert(
      `INSERT INTO bids (id, tender_id, consortium_form, mandataire_id, network_id)
       VALUES ($1, $2, 'CONJOINT', $3, $4)`,
      [bidId, tenderId, ids.organisation, networkId],
    );
    await insert(
      `INSERT INTO members (bid_id, organisation_id, key, invited_email)
       VALUES ($1, $2, 'atelier', 'a@atelier.test')`,
      [bidId, ids.organisation],
    );
  }
}

describe('NetworkOrganisationDetails migration: each network keeps its own details', () => {
  const database = migrationTestDatabase(
    'network_organisation_details',
    MIGRATIONS,
    NetworkOrganisationDetails1796641015715,
    seed,
  );

  const entryOf = async (networkId: string, organisationId: string) =>
    (
      await database.dataSource.query<Record<string, unknown>[]>(
        `SELECT staff, home_territory_id, legal_form, address, approval_number, approval_authority,
           representative_capacity, representatives, territories
           FROM network_organisations WHERE network_id = $1 AND organisation_id = $2`,
        [networkId, organisationId],
      )
    )[0];

  it('moves what the shared row held to the entry of the network whose bid uses it', async () => {
    expect(await entryOf(ids.network, ids.organisation)).toEqual({
      staff: 10,
      home_territory_id: ids.territory,
      legal_form: 'ASSOCIATION',
      address: '1 rue A, Montreuil',
      approval_number: 'AGR-A',
      approval_authority: 'DDETS 93',
      representative_capacity: 'Présidente',
      representatives: [{ name: 'A', title: 'Présidente', email: 'a@atelier.test' }],
      territories: [],
    });
  });

  it('keeps what another network had entered, filling only what it lacked', async () => {
    expect(await entryOf(ids.otherNetwork, ids.organisation)).toEqual({
      staff: 42,
      home_territory_id: ids.territory,
      legal_form: 'ASSOCIATION',
      address: '1 rue A, Montreuil',
      approval_number: 'AGR-A',
      approval_authority: 'DDETS 93',
      representative_capacity: 'Présidente',
      representatives: [{ name: 'B', title: 'Directeur', email: 'b@atelier.test' }],
      territories: [],
    });
  });

  it('gives a directory’s organisation no made-up details, and no entry to a network not using it', async () => {
    expect(await entryOf(ids.network, ids.byDirectory)).toEqual({
      staff: null,
      home_territory_id: null,
      legal_form: null,
      address: null,
      approval_number: null,
      approval_authority: null,
      representative_capacity: null,
      representatives: [],
      territories: ['DEP:93'],
    });
    expect(
      await database.dataSource.query(
        'SELECT network_id FROM network_organisations WHERE organisation_id = $1',
        [ids.unused],
      ),
    ).toEqual([]);
  });

  it('leaves the shared row its identifier, legal name and kind only', async () => {
    const columns = await database.dataSource.query<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'organisations'
        ORDER BY column_name`,
    );
    expect(columns.map((column) => column.column_name)).toEqual([
      'created_at',
      'id',
      'id_scheme',
      'id_value',
      'kind',
      'legal_name',
      'updated_at',
    ]);
  });

  it('reverts, the shared row getting back the details of the first network that knew it', async () => {
    await database.dataSource.undoLastMigration();
    try {
      const [row] = await database.dataSource.query<Record<string, unknown>[]>(
        `SELECT employees, home_territory_id, representative_email, legal_form
           FROM organisations WHERE id = $1`,
        [ids.organisation],
      );
      expect(row).toEqual(
        expect.objectContaining({ home_territory_id: ids.territory, legal_form: 'ASSOCIATION' }),
      );
    } finally {
      await database.dataSource.runMigrations();
    }
  });
});

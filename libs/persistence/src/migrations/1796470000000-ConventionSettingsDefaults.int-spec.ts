import type { DataSource } from 'typeorm';
import { insertNetworkAndOrganisation, migrationTestDatabase } from '@cordage/testing';
import { MIGRATIONS } from './index';
import { ConventionSettingsDefaults1796470000000 } from './1796470000000-ConventionSettingsDefaults';

const ids = {
  network: '00000000-0000-4000-8000-000000000001',
  territory: '00000000-0000-4000-8000-000000000002',
  organisation: '00000000-0000-4000-8000-000000000003',
  version: '00000000-0000-4000-8000-000000000004',
  request: '00000000-0000-4000-8000-000000000005',
  /** A convention rendered, its settings never touched. */
  rendered: '00000000-0000-4000-8000-000000000101',
  /** A convention rendered after the coordinators chose some settings. */
  chosen: '00000000-0000-4000-8000-000000000102',
  /** No convention yet: the new defaults apply. */
  fresh: '00000000-0000-4000-8000-000000000103',
};

async function seed(dataSource: DataSource): Promise<void> {
  const insert = (sql: string, parameters: unknown[] = []) => dataSource.query(sql, parameters);
  await insertNetworkAndOrganisation(dataSource, ids);
  const settings: Record<string, object> = {
    [ids.rendered]: {},
    [ids.chosen]: {
      exitNoticeDays: 30,
      paymentFlow: 'DIRECT',
      court: 'le tribunal judiciaire de Bobigny',
    },
    [ids.fresh]: {},
  };
  for (const [n, bidId] of [ids.rendered, ids.chosen, ids.fresh].entries()) {
    const tenderId = `00000000-0000-4000-8000-00000000020${n}`;
    await insert(
      `INSERT INTO tenders (id, reference, title, buyer_name, buyer_id_scheme, buyer_id_value, deadline)
       VALUES ($1, $2, 'Marché', 'Département', 'SIRET', '22930001100017', now())`,
      [tenderId, `REF-${n}`],
    );
    await insert(
      `INSERT INTO bids (id, tender_id, consortium_form, mandataire_id, network_id, convention_settings)
       VALUES ($1, $2, 'CONJOINT', $3, $4, $5)`,
      [bidId, tenderId, ids.organisation, ids.network, JSON.stringify(settings[bidId])],
    );
  }
  for (const [n, bidId] of [ids.rendered, ids.chosen].entries()) {
    const versionId = `00000000-0000-4000-8000-00000000030${n}`;
    const requestId = `00000000-0000-4000-8000-00000000040${n}`;
    await insert(
      `INSERT INTO allocation_versions (id, bid_id, number, kind, input_hash, result)
       VALUES ($1, $2, 1, 'RUN', repeat('a', 64), '{}')`,
      [versionId, bidId],
    );
    await insert(
      `INSERT INTO job_requests (id, kind, status, network_id, bid_id, parameters)
       VALUES ($1, 'DOCUMENTS', 'DONE', $2, $3, '{}')`,
      [requestId, ids.network, bidId],
    );
    await insert(
      `INSERT INTO documents (id, bid_id, allocation_version_id, request_id, kind, version, filename,
         media_type, size_bytes, sha256, storage_key)
       VALUES (gen_random_uuid(), $1, $2, $3, 'CONVENTION', 1, 'convention.pdf', 'application/pdf',
         1, repeat('c', 64), 'k')`,
      [bidId, versionId, requestId],
    );
  }
}

describe('ConventionSettingsDefaults migration: a bid with a convention keeps what it prints', () => {
  const database = migrationTestDatabase(
    'convention_defaults',
    MIGRATIONS,
    ConventionSettingsDefaults1796470000000,
    seed,
  );

  const settingsOf = async (bidId: string) =>
    (
      await database.dataSource.query<{ convention_settings: object }[]>(
        'SELECT convention_settings FROM bids WHERE id = $1',
        [bidId],
      )
    )[0]?.convention_settings;

  it('writes the old defaults into the settings of a bid whose convention printed them', async () => {
    expect(await settingsOf(ids.rendered)).toEqual({
      exitNoticeDays: 90,
      paymentFlow: 'MANDATAIRE_ACCOUNT',
    });
  });

  it('keeps what the coordinators chose, and leaves a bid without a convention to the new defaults', async () => {
    expect(await settingsOf(ids.chosen)).toEqual({
      exitNoticeDays: 30,
      paymentFlow: 'DIRECT',
    });
    expect(await settingsOf(ids.fresh)).toEqual({});
  });

  it('drops the court: the disputes clause leaves it to the ordinary rules of law', async () => {
    expect(await settingsOf(ids.chosen)).not.toHaveProperty('court');
    expect(
      await database.dataSource.query(
        `SELECT count(*)::int AS count FROM bids WHERE convention_settings ? 'court'`,
      ),
    ).toEqual([{ count: 0 }]);
  });
});

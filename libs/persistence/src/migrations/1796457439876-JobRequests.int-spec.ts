import type { DataSource } from 'typeorm';
import { insertNetworkAndOrganisation, migrationTestDatabase } from '@cordage/testing';
import { MIGRATIONS } from './index';
import { JobRequests1796457439876 } from './1796457439876-JobRequests';

const ids = {
  network: '00000000-0000-4000-8000-000000000001',
  tender: '00000000-0000-4000-8000-000000000002',
  organisation: '00000000-0000-4000-8000-000000000003',
  territory: '00000000-0000-4000-8000-000000000004',
  bid: '00000000-0000-4000-8000-000000000005',
  member: '00000000-0000-4000-8000-000000000006',
  user: '00000000-0000-4000-8000-000000000007',
  version: '00000000-0000-4000-8000-000000000008',
  document: '00000000-0000-4000-8000-000000000009',
  importQueued: '00000000-0000-4000-8000-000000000101',
  importDone: '00000000-0000-4000-8000-000000000102',
  importFailed: '00000000-0000-4000-8000-000000000103',
  runQueued: '00000000-0000-4000-8000-000000000201',
  runDone: '00000000-0000-4000-8000-000000000202',
  runUnchanged: '00000000-0000-4000-8000-000000000203',
  runFailed: '00000000-0000-4000-8000-000000000204',
  documentsDone: '00000000-0000-4000-8000-000000000301',
  documentsFailed: '00000000-0000-4000-8000-000000000302',
  signingQueued: '00000000-0000-4000-8000-000000000401',
  signingFailed: '00000000-0000-4000-8000-000000000402',
};
const problem = { path: 'offers[0]', code: 'UNKNOWN_LOT', message: 'lot inconnu' };
const imported = { bidId: ids.bid, tenderId: ids.tender, counts: { lots: 1 } };

/** One request of each kind and end, as the four tables held them. */
async function seedTheFourTables(dataSource: DataSource): Promise<void> {
  const insert = (sql: string, parameters: unknown[] = []) => dataSource.query(sql, parameters);
  await insertNetworkAndOrganisation(dataSource, ids);
  await insert(
    `INSERT INTO tenders (id, reference, title, buyer_name, buyer_id_scheme, buyer_id_value, deadline)
     VALUES ($1, 'REF-1', 'Marché', 'Département', 'SIRET', '22930001100017', now())`,
    [ids.tender],
  );
  await insert(
    `INSERT INTO bids (id, tender_id, consortium_form, mandataire_id, network_id)
     VALUES ($1, $2, 'CONJOINT', $3, $4)`,
    [ids.bid, ids.tender, ids.organisation, ids.network],
  );
  await insert(
    `INSERT INTO members (id, bid_id, organisation_id, key) VALUES ($1, $2, $3, 'org-1')`,
    [ids.member, ids.bid, ids.organisation],
  );
  await insert(`INSERT INTO users (id, email, display_name) VALUES ($1, 'a@atelier.test', 'A')`, [
    ids.user,
  ]);
  await insert(
    `INSERT INTO allocation_versions (id, bid_id, number, kind, input_hash, result)
     VALUES ($1, $2, 1, 'RUN', repeat('a', 64), '{}')`,
    [ids.version, ids.bid],
  );

  await insert(
    `INSERT INTO scenario_imports (id, status, source, source_bytes, network_id, requested_by, request_id)
     VALUES ($1, 'PENDING', '{"a":1}', 7, $2, $3, 'req-1')`,
    [ids.importQueued, ids.network, ids.user],
  );
  await insert(
    `INSERT INTO scenario_imports (id, status, source_bytes, network_id, bid_id, result, finished_at)
     VALUES ($1, 'DONE', 9, $2, $3, $4, '2026-01-02T03:04:05Z')`,
    [ids.importDone, ids.network, ids.bid, JSON.stringify(imported)],
  );
  await insert(
    `INSERT INTO scenario_imports (id, status, source_bytes, network_id, failure)
     VALUES ($1, 'FAILED', 5, $2, $3)`,
    [
      ids.importFailed,
      ids.network,
      JSON.stringify({ code: 'INVALID_SCENARIO', message: 'refusé', problems: [problem] }),
    ],
  );
  for (const [id, status, versionId, failure] of [
    [ids.runQueued, 'PENDING', null, null],
    [ids.runDone, 'DONE', ids.version, null],
    [ids.runUnchanged, 'UNCHANGED', ids.version, null],
    [ids.runFailed, 'FAILED', null, { code: 'INFEASIBLE', message: 'impossible', problems: [] }],
  ] as const) {
    await insert(
      `INSERT INTO allocation_runs (id, bid_id, status, requested_by, version_id, failure, input_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        ids.bid,
        status,
        ids.user,
        versionId,
        failure && JSON.stringify(failure),
        // Runs asked before the hash was recorded have none.
        status === 'PENDING' ? 'b'.repeat(64) : null,
      ],
    );
  }
  await insert(
    `INSERT INTO document_requests (id, bid_id, allocation_version_id, document_set, status, requested_by)
     VALUES ($1, $2, $3, 'CONVENTION', 'DONE', $4)`,
    [ids.documentsDone, ids.bid, ids.version, ids.user],
  );
  await insert(
    `INSERT INTO document_requests (id, bid_id, allocation_version_id, document_set, status, failure)
     VALUES ($1, $2, $3, 'EXPORTS', 'FAILED', $4)`,
    [
      ids.documentsFailed,
      ids.bid,
      ids.version,
      JSON.stringify({ code: 'STALE_VERSION', message: 'périmée', problems: [] }),
    ],
  );
  await insert(
    `INSERT INTO documents (id, bid_id, allocation_version_id, request_id, kind, version, filename,
       media_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, $3, $4, 'CONVENTION', 1, 'convention.pdf', 'application/pdf', 1, repeat('c', 64), 'k')`,
    [ids.document, ids.bid, ids.version, ids.documentsDone],
  );
  await insert(
    `INSERT INTO signing_requests (id, document_id, member_id, user_id, status, ip, request_id)
     VALUES ($1, $2, $3, $4, 'PENDING', '10.0.0.1', 'req-2')`,
    [ids.signingQueued, ids.document, ids.member, ids.user],
  );
  await insert(
    `INSERT INTO signing_requests (id, document_id, member_id, user_id, status, failure)
     VALUES ($1, $2, $3, $4, 'FAILED', $5)`,
    [
      ids.signingFailed,
      ids.document,
      ids.member,
      ids.user,
      JSON.stringify({ code: 'INVALID_INPUT', message: 'non figé' }),
    ],
  );
}

describe('JobRequests migration: the four request tables become job_requests', () => {
  const database = migrationTestDatabase(
    'job_requests',
    MIGRATIONS,
    JobRequests1796457439876,
    seedTheFourTables,
  );

  it('moves every row with its id, scope, parameters, result and failure', async () => {
    const rows = await database.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, kind, status, network_id, bid_id, input_hash, parameters, result, failure,
         requested_by, request_id, finished_at IS NOT NULL AS finished
       FROM job_requests ORDER BY id`,
    );
    const row = (id: string, kind: string, status: string, rest: Record<string, unknown>) => ({
      id,
      kind,
      status,
      network_id: ids.network,
      bid_id: ids.bid,
      input_hash: null,
      parameters: {},
      result: null,
      failure: null,
      requested_by: ids.user,
      request_id: null,
      finished: false,
      ...rest,
    });
    expect(rows).toEqual([
      row(ids.importQueued, 'SCENARIO_IMPORT', 'QUEUED', {
        bid_id: null,
        parameters: { source: '{"a":1}', sourceBytes: 7 },
        request_id: 'req-1',
      }),
      row(ids.importDone, 'SCENARIO_IMPORT', 'DONE', {
        parameters: { sourceBytes: 9 },
        result: imported,
        requested_by: null,
        finished: true,
      }),
      row(ids.importFailed, 'SCENARIO_IMPORT', 'FAILED', {
        bid_id: null,
        parameters: { sourceBytes: 5 },
        failure: { code: 'INVALID_SCENARIO', message: 'refusé', problems: [problem] },
        requested_by: null,
      }),
      row(ids.runQueued, 'ALLOCATION_RUN', 'QUEUED', { input_hash: 'b'.repeat(64) }),
      row(ids.runDone, 'ALLOCATION_RUN', 'DONE', {
        result: { versionId: ids.version, unchanged: false },
      }),
      row(ids.runUnchanged, 'ALLOCATION_RUN', 'DONE', {
        result: { versionId: ids.version, unchanged: true },
      }),
      row(ids.runFailed, 'ALLOCATION_RUN', 'FAILED', {
        failure: { code: 'INFEASIBLE', message: 'impossible', problems: [] },
      }),
      row(ids.documentsDone, 'DOCUMENTS', 'DONE', {
        parameters: {
          allocationVersionId: ids.version,
          documentSet: 'CONVENTION',
          changeRequestId: null,
        },
      }),
      row(ids.documentsFailed, 'DOCUMENTS', 'FAILED', {
        parameters: {
          allocationVersionId: ids.version,
          documentSet: 'EXPORTS',
          changeRequestId: null,
        },
        failure: { code: 'STALE_VERSION', message: 'périmée', problems: [] },
        requested_by: null,
      }),
      row(ids.signingQueued, 'SIGNING', 'QUEUED', {
        parameters: { documentId: ids.document, memberId: ids.member, ip: '10.0.0.1' },
        request_id: 'req-2',
      }),
      row(ids.signingFailed, 'SIGNING', 'FAILED', {
        parameters: { documentId: ids.document, memberId: ids.member, ip: null },
        failure: { code: 'INVALID_INPUT', message: 'non figé', problems: [] },
      }),
    ]);
  });

  it('drops the four tables and points documents and signatures at job_requests', async () => {
    const tables = await database.dataSource.query<{ name: string | null }[]>(
      `SELECT to_regclass(name)::text AS name
       FROM unnest(ARRAY['allocation_runs', 'scenario_imports', 'document_requests', 'signing_requests']) AS name`,
    );
    expect(tables).toEqual([{ name: null }, { name: null }, { name: null }, { name: null }]);
    const references = await database.dataSource.query<{ table: string; references: string }[]>(
      `SELECT conrelid::regclass::text AS table, confrelid::regclass::text AS references
       FROM pg_constraint WHERE conname IN ('FK_640ed9849e6eb66177436f91f50', 'FK_b67c77e4595b9a4bf81635f6279')
       ORDER BY 1`,
    );
    expect(references).toEqual([
      { table: 'documents', references: 'job_requests' },
      { table: 'signatures', references: 'job_requests' },
    ]);
  });

  it('keeps one waiting allocation per bid and input, as allocation_runs did', async () => {
    const ask = (id: string) =>
      database.dataSource.query(
        `INSERT INTO job_requests (id, kind, network_id, bid_id, input_hash, parameters)
         VALUES ($1, 'ALLOCATION_RUN', $2, $3, repeat('b', 64), '{}')`,
        [id, ids.network, ids.bid],
      );
    await expect(ask('00000000-0000-4000-8000-000000000299')).rejects.toThrow(
      'duplicate key value violates unique constraint "job_requests_waiting_input_key"',
    );
  });

  it('puts the rows back in the four tables when reverted', async () => {
    await database.dataSource.undoLastMigration();
    const statuses = await database.dataSource.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM scenario_imports UNION ALL SELECT id, status FROM allocation_runs
       UNION ALL SELECT id, status FROM document_requests UNION ALL SELECT id, status FROM signing_requests
       ORDER BY id`,
    );
    expect(statuses).toEqual([
      { id: ids.importQueued, status: 'PENDING' },
      { id: ids.importDone, status: 'DONE' },
      { id: ids.importFailed, status: 'FAILED' },
      { id: ids.runQueued, status: 'PENDING' },
      { id: ids.runDone, status: 'DONE' },
      { id: ids.runUnchanged, status: 'UNCHANGED' },
      { id: ids.runFailed, status: 'FAILED' },
      { id: ids.documentsDone, status: 'DONE' },
      { id: ids.documentsFailed, status: 'FAILED' },
      { id: ids.signingQueued, status: 'PENDING' },
      { id: ids.signingFailed, status: 'FAILED' },
    ]);
    expect(
      await database.dataSource.query(
        `SELECT source, version_id FROM scenario_imports, allocation_runs
        WHERE scenario_imports.id = $1 AND allocation_runs.id = $2`,
        [ids.importQueued, ids.runUnchanged],
      ),
    ).toEqual([{ source: '{"a":1}', version_id: ids.version }]);
  });
});

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { required } from '@cordage/domain';
import { LocalDiskDocumentStorage } from '@cordage/persistence';

/**
 * A convention document of `bidId` written straight to the database and the storage, with the
 * allocation version it needs: for tests about who may reach a document, not how it is made.
 */
export async function storeTestDocument(dataSource: DataSource, bidId: string): Promise<string> {
  const storage = new LocalDiskDocumentStorage(
    required(process.env.DOCUMENTS_DIR, 'DOCUMENTS_DIR (set by the e2e global setup)'),
  );
  const { key, sha256 } = await storage.put(Buffer.from('%PDF-1.7\n% test\n'));
  const [versionRow] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO allocation_versions (bid_id, number, kind, input_hash, result)
     VALUES ($1, 1000, 'RUN', repeat('0', 64), '{}') RETURNING id`,
    [bidId],
  );
  const version = required(versionRow, 'the inserted allocation version');
  const requestId = randomUUID();
  await dataSource.query(
    `INSERT INTO job_requests (id, kind, status, network_id, bid_id, parameters)
     SELECT $1, 'DOCUMENTS', 'DONE', network_id, id,
       jsonb_build_object('allocationVersionId', $3::uuid, 'documentSet', 'CONVENTION',
         'changeRequestId', NULL)
     FROM bids WHERE id = $2`,
    [requestId, bidId, version.id],
  );
  const [document] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO documents (bid_id, allocation_version_id, request_id, kind, version, filename,
       media_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, $3, 'CONVENTION', 1, 'convention.pdf', 'application/pdf', 16, $4, $5)
     RETURNING id`,
    [bidId, version.id, requestId, sha256, key],
  );
  return required(document, 'the inserted document').id;
}

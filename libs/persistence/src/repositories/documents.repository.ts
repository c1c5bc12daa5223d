import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor, DocumentKind } from '@cordage/domain';
import { JobRequestEntity, type JobRequestParameters } from '../entities';
import { AuditLogRepository } from './audit-log.repository';

/** A generated file, stored, as the repository records it. */
export interface StoredDocument {
  kind: DocumentKind;
  subject: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  subject: string;
  version: number;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** Where the bytes are in the document storage: for the server, never shown. */
  storageKey: string;
  allocationVersion: number;
  frozenAt: Date | null;
  createdAt: Date;
}

/** Generation requests and the documents they store; a document is never changed once frozen. */
@Injectable()
export class DocumentsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
  ) {}

  /**
   * Records a request's documents, each numbered after the bid's previous ones of its kind and
   * subject, and marks the request done, in one transaction. A retried job that already stored
   * them changes nothing (one document per request, kind and subject).
   */
  async storeSet(requestId: string, documents: StoredDocument[], actor: Actor): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOneOrFail(JobRequestEntity, {
        where: { id: requestId, kind: 'DOCUMENTS' },
        lock: { mode: 'pessimistic_write' },
      });
      const { allocationVersionId, documentSet } =
        request.parameters as JobRequestParameters['DOCUMENTS'];
      if (request.status === 'DONE') return this.idsOf(requestId, manager);
      await manager.query('SELECT 1 FROM bids WHERE id = $1 FOR UPDATE', [request.bidId]);
      for (const document of documents) {
        await manager.query(
          `INSERT INTO documents (bid_id, allocation_version_id, request_id, kind, subject, version,
             filename, media_type, size_bytes, sha256, storage_key, created_by)
           SELECT $1::uuid, $2, $3, $4::varchar, $5::varchar, coalesce(max(version), 0) + 1,
             $6, $7, $8, $9, $10, $11
           FROM documents WHERE bid_id = $1::uuid AND kind = $4::varchar AND subject = $5::varchar`,
          [
            request.bidId,
            allocationVersionId,
            requestId,
            document.kind,
            document.subject,
            document.filename,
            document.mediaType,
            document.sizeBytes,
            document.sha256,
            document.storageKey,
            request.requestedBy,
          ],
        );
      }
      await manager.update(
        JobRequestEntity,
        { id: requestId },
        { status: 'DONE', finishedAt: () => 'now()' },
      );
      await this.audit.appendWith(manager, actor, {
        action: 'documents.generated',
        entityType: 'document_request',
        entityId: requestId,
        bidId: request.bidId,
        after: {
          documentSet,
          documents: documents.map(({ kind, subject, sha256 }) => ({ kind, subject, sha256 })),
        },
      });
      return this.idsOf(requestId, manager);
    });
  }

  /** Every document of a bid, newest first within each kind. */
  async list(bidId: string): Promise<DocumentSummary[]> {
    return this.summaries('d.bid_id = $1', [bidId]);
  }

  async find(bidId: string, documentId: string): Promise<DocumentSummary | null> {
    const [found] = await this.summaries('d.bid_id = $1 AND d.id = $2', [bidId, documentId]);
    return found ?? null;
  }

  /** Freezes a document for signature; freezing it again changes nothing. */
  async freeze(bidId: string, documentId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.query<[unknown[], number]>(
        `UPDATE documents SET frozen_at = now() WHERE bid_id = $1 AND id = $2 AND frozen_at IS NULL
         RETURNING id`,
        [bidId, documentId],
      );
      if (updated[1] === 0) return;
      await this.audit.appendWith(manager, actor, {
        action: 'document.frozen',
        entityType: 'document',
        entityId: documentId,
        bidId,
      });
    });
  }

  /** The documents a request stored. */
  async idsOf(requestId: string, manager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      'SELECT id FROM documents WHERE request_id = $1 ORDER BY kind, subject',
      [requestId],
    );
    return rows.map((row) => row.id);
  }

  private async summaries(where: string, parameters: unknown[]): Promise<DocumentSummary[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: DocumentKind;
        subject: string;
        version: number;
        filename: string;
        media_type: string;
        size_bytes: number;
        sha256: string;
        storage_key: string;
        allocation_version: number;
        frozen_at: Date | null;
        created_at: Date;
      }[]
    >(
      `SELECT d.id, d.kind, d.subject, d.version, d.filename, d.media_type, d.size_bytes, d.sha256,
         d.storage_key, v.number AS allocation_version, d.frozen_at, d.created_at
       FROM documents d JOIN allocation_versions v ON v.id = d.allocation_version_id
       WHERE ${where} ORDER BY d.kind, d.subject, d.version DESC`,
      parameters,
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      version: row.version,
      filename: row.filename,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      storageKey: row.storage_key,
      allocationVersion: row.allocation_version,
      frozenAt: row.frozen_at,
      createdAt: row.created_at,
    }));
  }
}

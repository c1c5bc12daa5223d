import { Injectable } from '@nestjs/common';
import { IsNull, Not, type SelectQueryBuilder } from 'typeorm';
import type { DocumentKind } from '@cordage/domain';
import { DocumentEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

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
  constructor(@InjectDb() private readonly db: Db) {}

  /** The number the next document of this kind and subject takes in the bid. */
  async nextVersion(bidId: string, kind: DocumentKind, subject: string): Promise<number> {
    const row = await this.db.tx
      .createQueryBuilder(DocumentEntity, 'document')
      .select('coalesce(max(document.version), 0)::int + 1', 'next')
      .where({ bidId, kind, subject })
      .getRawOne<{ next: number }>();
    return row?.next ?? 1;
  }

  async add(
    document: StoredDocument & {
      bidId: string;
      allocationVersionId: string;
      changeRequestId: string | null;
      requestId: string;
      version: number;
      createdBy: string | null;
    },
  ): Promise<void> {
    await this.db.tx.insert(DocumentEntity, document);
  }

  /** Every document of a bid, newest first within each kind. */
  async list(bidId: string): Promise<DocumentSummary[]> {
    return this.summaries().where({ bidId }).getRawMany();
  }

  async find(bidId: string, documentId: string): Promise<DocumentSummary | null> {
    return (await this.summaries().where({ bidId, id: documentId }).getRawOne()) ?? null;
  }

  /** The latest document of a kind with no subject made from an allocation version, if any. */
  async latestOfVersion(
    bidId: string,
    kind: DocumentKind,
    allocationNumber: number,
  ): Promise<DocumentSummary | null> {
    return (
      (await this.summaries()
        .where({ bidId, kind, subject: '' })
        .andWhere('allocation.number = :allocationNumber', { allocationNumber })
        .getRawOne()) ?? null
    );
  }

  /** Freezes a document for signature; false when it already was. */
  /** The convention of this split frozen for signature, if one is. */
  async frozenConvention(
    bidId: string,
    allocationVersionId: string,
  ): Promise<{ id: string; number: number } | null> {
    const frozen = await this.db.tx.findOne(DocumentEntity, {
      select: { id: true, version: true },
      where: { bidId, kind: 'CONVENTION', allocationVersionId, frozenAt: Not(IsNull()) },
    });
    return frozen && { id: frozen.id, number: frozen.version };
  }

  async freeze(documentId: string): Promise<boolean> {
    const updated = await this.db.tx.update(
      DocumentEntity,
      { id: documentId, frozenAt: IsNull() },
      { frozenAt: () => 'now()' },
    );
    return updated.affected !== 0;
  }

  /** The latest amendment generated for this split. */
  async latestAmendment(
    bidId: string,
    allocationVersionId: string,
  ): Promise<DocumentEntity | null> {
    return this.db.tx.findOne(DocumentEntity, {
      where: { bidId, kind: 'AMENDMENT', allocationVersionId },
      order: { version: 'DESC' },
    });
  }

  /** The amendment a rendering request stored, if it did. */
  async amendmentStoredBy(requestId: string): Promise<string | null> {
    const document = await this.db.tx.findOne(DocumentEntity, {
      select: { id: true },
      where: { requestId, kind: 'AMENDMENT' },
    });
    return document?.id ?? null;
  }

  /** The documents a request stored. */
  async idsOf(requestId: string): Promise<string[]> {
    const documents = await this.db.tx.find(DocumentEntity, {
      select: { id: true },
      where: { requestId },
      order: { kind: 'ASC', subject: 'ASC' },
    });
    return documents.map((document) => document.id);
  }

  private summaries(): SelectQueryBuilder<DocumentEntity> {
    return this.db.tx
      .createQueryBuilder(DocumentEntity, 'document')
      .innerJoin('document.allocationVersion', 'allocation')
      .select('document.id', 'id')
      .addSelect('document.kind', 'kind')
      .addSelect('document.subject', 'subject')
      .addSelect('document.version', 'version')
      .addSelect('document.filename', 'filename')
      .addSelect('document.mediaType', 'mediaType')
      .addSelect('document.sizeBytes', 'sizeBytes')
      .addSelect('document.sha256', 'sha256')
      .addSelect('document.storageKey', 'storageKey')
      .addSelect('allocation.number', 'allocationVersion')
      .addSelect('document.frozenAt', 'frozenAt')
      .addSelect('document.createdAt', 'createdAt')
      .orderBy('document.kind')
      .addOrderBy('document.subject')
      .addOrderBy('document.version', 'DESC');
  }
}

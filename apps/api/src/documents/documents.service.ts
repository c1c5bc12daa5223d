import { Inject, Injectable } from '@nestjs/common';
import { BidDocumentsService } from '@cordage/application';
import type { DocumentStorage } from '@cordage/domain';
import { DOCUMENT_STORAGE, type DocumentSummary } from '@cordage/persistence';

/** The bid's documents over HTTP: the use cases, the stored bytes, and the API's shape. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: BidDocumentsService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async list(bidId: string, readsReports: boolean) {
    return (await this.documents.list(bidId, readsReports)).map((document) =>
      toDto(bidId, document),
    );
  }

  /** A document's description and its bytes, checked against the SHA-256 recorded. */
  async content(bidId: string, documentId: string, readsReports: boolean) {
    const document = await this.documents.find(bidId, documentId, readsReports);
    const content = await this.storage.get(document.storageKey);
    return { document, content };
  }

  /** The bytes of the OCDS package generated from an allocation version, checked likewise. */
  async ocdsPackage(bidId: string, versionNumber: number) {
    const document = await this.documents.ocdsPackage(bidId, versionNumber);
    const content = await this.storage.get(document.storageKey);
    return { document, content };
  }
}

function toDto(bidId: string, { storageKey: _, ...document }: DocumentSummary) {
  return {
    ...document,
    frozenAt: document.frozenAt?.toISOString() ?? null,
    createdAt: document.createdAt.toISOString(),
    downloadUrl: `/api/bids/${bidId}/documents/${document.id}`,
  };
}

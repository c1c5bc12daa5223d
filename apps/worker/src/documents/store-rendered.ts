import { type DocumentStorage, DOCUMENT_MEDIA_TYPES, type RenderedDocument } from '@cordage/domain';
import type { StoredDocument } from '@cordage/persistence';

/** Stores each rendered file under its SHA-256: what the request's documents record. */
export async function storeRendered(
  storage: DocumentStorage,
  rendered: readonly RenderedDocument[],
): Promise<StoredDocument[]> {
  const stored: StoredDocument[] = [];
  for (const document of rendered) {
    // Bytes come back from the thread as a Uint8Array: the same memory, seen as a Buffer.
    const content = Buffer.from(
      document.content.buffer,
      document.content.byteOffset,
      document.content.byteLength,
    );
    const { key, sha256 } = await storage.put(content);
    stored.push({
      kind: document.kind,
      subject: document.subject,
      filename: document.filename,
      mediaType: DOCUMENT_MEDIA_TYPES[document.kind],
      sizeBytes: content.length,
      sha256,
      storageKey: key,
    });
  }
  return stored;
}

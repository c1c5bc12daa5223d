/**
 * The documents Cordage writes for a bid, from one allocation version. The values are stored in
 * the database and in job payloads: they never change once shipped.
 */
export const DOCUMENT_KINDS = [
  'CONVENTION',
  'DC1',
  'DC4',
  'XLSX',
  'CSV',
  'OCDS',
  'AMENDMENT',
  'BUYER_LETTER',
  // After the award, the contract's reports (issue 16).
  'INSERTION_XLSX',
  'INSERTION_PDF',
  'EVALUATION',
  'OCDS_CONTRACT',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * What a generation request makes: the convention alone, everything the buyer receives, or after a
 * change of membership the amendment with the letter asking the buyer's approval.
 */
export const DOCUMENT_SETS = ['CONVENTION', 'EXPORTS', 'AMENDMENT'] as const;
export type DocumentSet = (typeof DOCUMENT_SETS)[number];

export const DOCUMENT_MEDIA_TYPES: Record<DocumentKind, string> = {
  CONVENTION: 'application/pdf',
  DC1: 'application/pdf',
  DC4: 'application/pdf',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv; charset=utf-8',
  OCDS: 'application/json',
  AMENDMENT: 'application/pdf',
  BUYER_LETTER: 'application/pdf',
  INSERTION_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  INSERTION_PDF: 'application/pdf',
  EVALUATION: 'application/pdf',
  OCDS_CONTRACT: 'application/json',
};

/** The documents of the contract's reports: read under the bid's transparency, like the figures. */
export const REPORT_DOCUMENT_KINDS: readonly DocumentKind[] = [
  'INSERTION_XLSX',
  'INSERTION_PDF',
  'EVALUATION',
  'OCDS_CONTRACT',
];

/** One file of a generated set, before it is stored. */
export interface RenderedDocument {
  kind: DocumentKind;
  /** Tells apart documents of one kind in a set: a DC4 names its lot and its two parties. */
  subject: string;
  filename: string;
  content: Buffer;
}

/**
 * Where document bytes live (a folder on disk by default, an object store later). Content is
 * addressed by its SHA-256: a stored file is never overwritten, so what was signed stays.
 */
export interface DocumentStorage {
  /** Stores the bytes and returns their key; storing the same bytes again is harmless. */
  put(content: Buffer): Promise<{ key: string; sha256: string }>;
  /** The bytes, checked against their SHA-256; throws when they were altered or lost. */
  get(key: string): Promise<Buffer>;
}

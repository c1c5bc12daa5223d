import type { ProcurementTimeZone } from '../time';

/** Who signs, and the words the signature dictionary carries (shown by PDF readers). */
export interface SignerMetadata {
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
  /** How the signature shows in the signer's box; without it, or without the box, it is invisible. */
  appearance?: SignatureAppearance;
}

export interface SignatureAppearance {
  /** The box's name in the document (see `signatureBoxName`). */
  box: string;
  /** The organisation signed for, and the signer's capacity in it. */
  organisation: string;
  capacity: string;
  /** The clock the date and time are read on: the signer's. */
  timeZone: ProcurementTimeZone;
}

/**
 * The name of a party's signature box: the documents place a named destination (/FitR, the box's
 * rectangle) under it when they are rendered, and the signer shows its signature there.
 */
export function signatureBoxName(party: { idScheme: string; idValue: string }): string {
  return `Signature ${party.idScheme} ${party.idValue}`;
}

/**
 * Applies one signature to a PDF as an incremental update: the result begins with the given bytes.
 * The platform's own keys implement it today; a qualified remote-signing provider can tomorrow.
 */
export interface DocumentSigner {
  sign(pdf: Uint8Array, signer: SignerMetadata): Promise<Uint8Array>;
}

/** Who signs, and the words the signature dictionary carries (shown by PDF readers). */
export interface SignerMetadata {
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
}

/**
 * Applies one signature to a PDF as an incremental update: the result begins with the given bytes.
 * The platform's own keys implement it today; a qualified remote-signing provider can tomorrow.
 */
export interface DocumentSigner {
  sign(pdf: Uint8Array, signer: SignerMetadata): Promise<Uint8Array>;
}

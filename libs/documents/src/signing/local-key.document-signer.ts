import type { DocumentSigner, SignerMetadata } from '@cordage/domain';
import { type SigningCredentials, signPdf } from './pdf.signer';

/** The platform's signer: a key it issued (or a member's PKCS#12), decrypted for one signature. */
export class LocalKeyDocumentSigner implements DocumentSigner {
  constructor(private readonly credentials: SigningCredentials) {}

  sign(pdf: Uint8Array, signer: SignerMetadata): Promise<Uint8Array> {
    return signPdf(pdf, this.credentials, signer);
  }
}

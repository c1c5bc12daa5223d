import { type KeyObject, X509Certificate, createPrivateKey, sign } from 'node:crypto';
import type { DigestAlgorithm, KeyType, SignatureAlgorithm, Signer } from '@libpdf/core';

const NODE_DIGESTS: Record<DigestAlgorithm, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/**
 * A @libpdf/core signer over a key held in memory (decrypted just before, dropped just after):
 * RSA (PKCS#1 v1.5) or ECDSA, so a member's own PKCS#12 signs as well as a platform key.
 */
export class InMemoryKeySigner implements Signer {
  readonly certificate: Uint8Array;
  readonly certificateChain: Uint8Array[];
  readonly keyType: KeyType;
  readonly signatureAlgorithm: SignatureAlgorithm;
  private readonly privateKey: KeyObject;

  constructor(certificatePem: string, privateKeyPem: string, chainPems: readonly string[] = []) {
    this.privateKey = createPrivateKey(privateKeyPem);
    const certificate = new X509Certificate(certificatePem);
    if (!certificate.checkPrivateKey(this.privateKey)) {
      throw new Error('La clé privée ne correspond pas au certificat du signataire.');
    }
    this.certificate = new Uint8Array(certificate.raw);
    this.certificateChain = chainPems.map((pem) => new Uint8Array(new X509Certificate(pem).raw));
    const type = this.privateKey.asymmetricKeyType;
    if (type === 'rsa') {
      this.keyType = 'RSA';
      this.signatureAlgorithm = 'RSASSA-PKCS1-v1_5';
    } else if (type === 'ec') {
      this.keyType = 'EC';
      this.signatureAlgorithm = 'ECDSA';
    } else {
      throw new Error(`Type de clé non pris en charge pour signer : ${type ?? 'inconnu'}.`);
    }
  }

  sign(data: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array> {
    // CMS wants ECDSA signatures DER-encoded, which node:crypto gives by default.
    return Promise.resolve(new Uint8Array(sign(NODE_DIGESTS[algorithm], data, this.privateKey)));
  }
}

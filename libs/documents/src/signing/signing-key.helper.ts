import {
  type KeyObject,
  createPublicKey,
  generateKeyPairSync,
  type webcrypto,
  subtle,
} from 'node:crypto';

/**
 * ECDSA P-256 with SHA-256 for every key the platform makes: small signatures, instant keys, and
 * checked to verify with poppler's pdfsig (NSS), `openssl cms` and @libpdf/core alike.
 */
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' };
export const PLATFORM_SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' };

export function generatePlatformKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

export function toPkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The WebCrypto pair @peculiar/x509 signs certificates with. */
export async function toWebCryptoPair(privateKey: KeyObject): Promise<webcrypto.CryptoKeyPair> {
  return {
    privateKey: await subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      EC_P256,
      false,
      ['sign'],
    ),
    publicKey: await subtle.importKey(
      'spki',
      createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
      EC_P256,
      true,
      ['verify'],
    ),
  };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Format `v1:<iv>:<tag>:<ciphertext>` (base64url): the version lets the scheme change later. */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bound to the purpose: a ciphertext sealed for something else with the same key is refused. */
const ASSOCIATED_DATA = Buffer.from('cordage:private-key:v1');

function assertMasterKey(masterKey: Buffer): void {
  if (masterKey.length !== 32) {
    throw new Error(
      `La clé maîtresse de chiffrement doit faire 32 octets (reçu : ${masterKey.length}).`,
    );
  }
}

/** Encrypts a private key for storage with AES-256-GCM under the master key from the env. */
export function sealPrivateKey(pem: string, masterKey: Buffer): string {
  assertMasterKey(masterKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ASSOCIATED_DATA);
  const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':');
}

/** Decrypts a sealed key; a changed byte or a wrong master key is refused, never half-read. */
export function openPrivateKey(sealed: string, masterKey: Buffer): string {
  assertMasterKey(masterKey);
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(':');
  if (
    version !== VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    rest.length > 0
  ) {
    throw new Error('Clé privée scellée illisible : format inconnu (attendu « v1:… »).');
  }
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(ASSOCIATED_DATA);
  try {
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new Error(
      'Clé privée scellée refusée : elle a été modifiée ou la clé maîtresse ne correspond pas.',
    );
  }
}

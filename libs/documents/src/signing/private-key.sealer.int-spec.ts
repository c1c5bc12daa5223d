import { randomBytes } from 'node:crypto';
import { createCertificateAuthority } from './certificate-authority.issuer';
import { openPrivateKey, sealPrivateKey } from './private-key.sealer';
import { at } from '@cordage/domain';

describe('private keys sealed at rest', () => {
  const masterKey = randomBytes(32);

  it('round-trips a key and never stores it in clear', async () => {
    const { privateKeyPem } = await createCertificateAuthority({
      commonName: 'CA',
      organisation: 'Cordage',
    });
    const sealed = sealPrivateKey(privateKeyPem, masterKey);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(sealPrivateKey(privateKeyPem, masterKey)).not.toBe(sealed);
    expect(openPrivateKey(sealed, masterKey)).toBe(privateKeyPem);
  });

  it('refuses a tampered ciphertext, a wrong master key and an unknown version', () => {
    const sealed = sealPrivateKey('-----BEGIN PRIVATE KEY-----\nabc\n', masterKey);
    const parts = sealed.split(':');
    const ciphertext = Buffer.from(at(parts, 3), 'base64url');
    ciphertext[0] = at(ciphertext, 0) ^ 0x01;
    const tampered = [...parts.slice(0, 3), ciphertext.toString('base64url')].join(':');
    expect(() => openPrivateKey(tampered, masterKey)).toThrow(/a été modifiée/);
    expect(() => openPrivateKey(sealed, randomBytes(32))).toThrow(/a été modifiée/);
    expect(() => openPrivateKey(`v2${sealed.slice(2)}`, masterKey)).toThrow(/format inconnu/);
    expect(() => sealPrivateKey('x', randomBytes(16))).toThrow(/32 octets/);
  });
});

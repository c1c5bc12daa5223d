import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { DomainErrorCode } from '@cordage/domain';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueSignerCertificate,
} from './certificate-authority.issuer';
import { readPdfSignatures } from './pdf-signatures.reader';
import { signPdf } from './pdf.signer';
import { loadPkcs12 } from './pkcs12.loader';
import { opensslPkcs12, verifyWithSharedTool } from '@cordage/testing';
import { renderTestPdf } from './signing.fixture';

const identity = {
  name: 'Claire Fontaine',
  organisation: 'Régie de quartier',
  identifier: 'NTRFR-473607146',
  email: 'claire@exemple.fr',
};
const YEAR_MS = 365 * 24 * 3600 * 1000;

describe('a member signs with its own PKCS#12', () => {
  let dir: string;
  let ca: CertificateAuthority;

  /** As a member would export it, with the authority's certificate. */
  function memberPkcs12(certificatePem: string, privateKeyPem: string, password: string) {
    const chainPem = path.join(dir, 'ca.pem');
    const file = opensslPkcs12(
      dir,
      'member',
      { certificatePem, privateKeyPem },
      { password, chainPem },
    );
    return readFileSync(file);
  }

  /** An RSA certificate made elsewhere (forge), with the key usages given. */
  function forgePkcs12(keyUsage: Record<string, boolean>, password: string): Buffer {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = forge.pki.privateKeyFromPem(
      privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    );
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = '0a1b2c3d';
    cert.validity.notBefore = new Date(Date.now() - 3600_000);
    cert.validity.notAfter = new Date(Date.now() + YEAR_MS);
    const name = [{ name: 'commonName', value: 'Structure RSA' }];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([{ name: 'keyUsage', ...keyUsage }]);
    cert.sign(key, forge.md.sha256.create());
    const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
    return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cordage-p12-'));
    ca = await createCertificateAuthority({
      commonName: 'CA qualifiée (test)',
      organisation: 'PSCo',
    });
    writeFileSync(path.join(dir, 'ca.pem'), ca.certificatePem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads an OpenSSL PKCS#12 (ECDSA) with its chain and signs a PDF that verifies', async () => {
    const issued = await issueSignerCertificate(ca, identity);
    const p12 = memberPkcs12(issued.certificatePem, issued.privateKeyPem, 'secret');
    const credentials = loadPkcs12(p12, 'secret', new Date());
    expect(credentials.chainPems).toHaveLength(1);
    const signed = await signPdf(await renderTestPdf(2), credentials, {
      name: identity.name,
      reason: 'Signature de la convention',
      location: 'Lyon',
      signingTime: new Date(),
    });
    const file = path.join(dir, 'p12-signed.pdf');
    writeFileSync(file, signed);
    expect(verifyWithSharedTool(file, path.join(dir, 'ca.pem'), 1).status).toBe(0);
    const [report] = await readPdfSignatures(signed);
    expect(report).toMatchObject({ signerName: identity.name, signatureValid: true });
  });

  it('signs with an RSA key too (forge, legacy 3DES PKCS#12)', async () => {
    const credentials = loadPkcs12(
      forgePkcs12({ digitalSignature: true, nonRepudiation: true }, 'pw'),
      'pw',
      new Date(),
    );
    const signed = await signPdf(await renderTestPdf(1), credentials, {
      name: 'Structure RSA',
      reason: 'Signature',
      location: 'Nantes',
      signingTime: new Date(),
    });
    const [report] = await readPdfSignatures(signed);
    expect(report).toMatchObject({ signerName: 'Structure RSA', signatureValid: true });
  });

  it('refuses a wrong password in French', async () => {
    const issued = await issueSignerCertificate(ca, identity);
    const p12 = memberPkcs12(issued.certificatePem, issued.privateKeyPem, 'secret');
    expect(() => loadPkcs12(p12, 'mauvais', new Date())).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.CERTIFICATE_INVALID,
        message: 'Mot de passe du certificat PKCS#12 incorrect.',
      }),
    );
  });

  it('refuses an expired or not-yet-valid certificate in French', async () => {
    const threeYearsAgo = new Date(Date.now() - 3 * YEAR_MS);
    const expired = await issueSignerCertificate(ca, identity, threeYearsAgo);
    const p12 = memberPkcs12(expired.certificatePem, expired.privateKeyPem, 'secret');
    expect(() => loadPkcs12(p12, 'secret', new Date())).toThrow(/le certificat a expiré le/);
    const future = await issueSignerCertificate(ca, identity, new Date(Date.now() + YEAR_MS));
    const early = memberPkcs12(future.certificatePem, future.privateKeyPem, 'secret');
    expect(() => loadPkcs12(early, 'secret', new Date())).toThrow(/n’est valable qu’à partir du/);
  });

  it('refuses a certificate whose key usage does not allow signing', () => {
    const p12 = forgePkcs12({ keyEncipherment: true }, 'pw');
    expect(() => loadPkcs12(p12, 'pw', new Date())).toThrow(/n’autorise pas la signature/);
  });
});

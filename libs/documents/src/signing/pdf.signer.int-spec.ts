import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DomainError, assertAppendOnly, at } from '@cordage/domain';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueSignerCertificate,
} from './certificate-authority.issuer';
import { LocalKeyDocumentSigner } from './local-key.document-signer';
import { readPdfSignatures } from './pdf-signatures.reader';
import { verifyWithSharedTool } from '@cordage/testing';
import { renderTestPdf } from './signing.fixture';

const MEMBERS = ['Élodie Martin', 'Karim Benali', 'Anne Le Gall', 'Joël Dupré', 'Sofia Costa'];

describe('five members sign one convention, one incremental PAdES signature each', () => {
  let dir: string;
  let ca: CertificateAuthority;
  let otherCaPath: string;
  let caPath: string;
  const revisions: Uint8Array[] = [];
  const signedAt = MEMBERS.map((_, i) => new Date(Date.UTC(2026, 10, 26, 9, i, 30)));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cordage-signing-'));
    ca = await createCertificateAuthority({
      commonName: 'Cordage CA test',
      organisation: 'Cordage',
    });
    const other = await createCertificateAuthority({
      commonName: 'Autre CA',
      organisation: 'Autre',
    });
    caPath = path.join(dir, 'ca.pem');
    otherCaPath = path.join(dir, 'other-ca.pem');
    writeFileSync(caPath, ca.certificatePem);
    writeFileSync(otherCaPath, other.certificatePem);

    revisions.push(await renderTestPdf(6));
    for (const [i, name] of MEMBERS.entries()) {
      const certificate = await issueSignerCertificate(ca, {
        name,
        organisation: `Structure ${i + 1}`,
        identifier: `NTRFR-47360714${i}`,
        email: `membre${i + 1}@exemple.fr`,
      });
      const signer = new LocalKeyDocumentSigner(certificate);
      revisions.push(
        await signer.sign(at(revisions, revisions.length - 1), {
          name,
          reason: 'Signature de la convention (lots 1 à 20) \\ « groupement »',
          location: 'France',
          signingTime: at(signedAt, i),
        }),
      );
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const signedPath = (name: string, bytes: Uint8Array): string => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('each revision begins with the bytes of the previous one', () => {
    for (let n = 1; n < revisions.length; n++) {
      expect(() => assertAppendOnly(at(revisions, n - 1), at(revisions, n))).not.toThrow();
    }
  });

  it('passes pdfsig, openssl cms and qpdf through the shared checker', () => {
    const result = verifyWithSharedTool(signedPath('signed.pdf', at(revisions, 5)), caPath, 5);
    expect(result.output).toContain('OK: 5 signatures valid');
    expect(result.status).toBe(0);
  });

  it('keeps every earlier revision valid on its own', () => {
    for (let n = 1; n < 5; n++) {
      const result = verifyWithSharedTool(signedPath(`rev-${n}.pdf`, at(revisions, n)), caPath, n);
      expect(result.status).toBe(0);
    }
  });

  it('fails the checker when one signed byte changes, or against another CA', () => {
    const tampered = Buffer.from(at(revisions, 5));
    tampered[200] = at(tampered, 200) ^ 0x01;
    expect(verifyWithSharedTool(signedPath('tampered.pdf', tampered), caPath, 5).status).not.toBe(
      0,
    );
    const otherCa = verifyWithSharedTool(
      signedPath('signed.pdf', at(revisions, 5)),
      otherCaPath,
      5,
    );
    expect(otherCa.status).not.toBe(0);
  });

  it('reads the same five valid signatures in-process, the last covering the whole file', async () => {
    const reports = await readPdfSignatures(at(revisions, 5));
    expect(reports.map((report) => report.signerName)).toEqual(MEMBERS);
    expect(reports.map((report) => report.signingTime)).toEqual(signedAt);
    for (const report of reports) {
      expect(report).toMatchObject({ digestValid: true, signatureValid: true });
      expect(report.signingCertificateBound).toBe(true);
      expect(report.chainsTo(ca.certificatePem)).toBe(true);
    }
    expect(reports.map((report) => report.coversWholeFile)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    const otherCa = await createCertificateAuthority({ commonName: 'X', organisation: 'X' });
    expect(at(reports, 0).chainsTo(otherCa.certificatePem)).toBe(false);
  });

  it('reports a tampered copy as invalid in-process', async () => {
    const tampered = Buffer.from(at(revisions, 5));
    tampered[200] = at(tampered, 200) ^ 0x01;
    const reports = await readPdfSignatures(tampered);
    expect(reports).toHaveLength(5);
    expect(reports.every((report) => !report.digestValid && !report.signatureValid)).toBe(true);
  });

  it('refuses a revision that rewrites earlier bytes', () => {
    const rewritten = Buffer.from(at(revisions, 2));
    rewritten[10] = at(rewritten, 10) ^ 0x01;
    expect(() => assertAppendOnly(at(revisions, 1), rewritten)).toThrow(DomainError);
  });
});

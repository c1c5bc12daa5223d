import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCertificateAuthority, issueSignerCertificate } from './certificate-authority.issuer';
import { readPdfSignatures } from './pdf-signatures.reader';
import { renderProofPdf } from './proof-pdf.renderer';
import { verifyWithSharedTool } from '@cordage/testing';

describe('the dossier de preuve', () => {
  it('is a PDF sealed by the platform that the shared checker verifies', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cordage-proof-'));
    try {
      const ca = await createCertificateAuthority({
        commonName: 'Cordage CA',
        organisation: 'Cordage',
      });
      const seal = await issueSignerCertificate(ca, {
        name: 'Cordage — cachet de la plateforme',
        organisation: 'Cordage',
        identifier: 'NTRFR-473607146',
        email: 'preuve@cordage.fr',
      });
      const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
      const proof = await renderProofPdf(
        {
          documentTitle: 'Convention de groupement — Collèges 93',
          frozenSha256: sha('figé'),
          revisions: [1, 2].map((n) => ({
            sha256: sha(`révision ${n}`),
            signer: `Signataire ${n}`,
            capacity: 'Présidente',
            organisation: `Structure ${n}`,
            signedAt: '2026-11-26T10:00:00.000Z',
            ip: '203.0.113.7',
            certificateSerial: `0${n}ab`,
            certificateSubject: `CN=Signataire ${n}, O=Structure ${n}`,
          })),
          generatedAt: '2026-11-26T11:00:00.000Z',
        },
        seal,
      );
      expect(proof.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(dir, 'preuve.pdf');
      const caFile = path.join(dir, 'ca.pem');
      writeFileSync(file, proof);
      writeFileSync(caFile, ca.certificatePem);
      expect(verifyWithSharedTool(file, caFile, 1).status).toBe(0);
      const [report] = await readPdfSignatures(proof);
      expect(report).toMatchObject({ signatureValid: true, coversWholeFile: true });
      expect(report?.signerName).toBe('Cordage — cachet de la plateforme');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

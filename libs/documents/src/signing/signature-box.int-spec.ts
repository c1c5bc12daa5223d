import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDF, PdfNumber } from '@libpdf/core';
import {
  type BidDocumentModel,
  assertAppendOnly,
  signatureBoxName,
  at,
  organizationIdentifier,
  required,
} from '@cordage/domain';
import { PdfFile, REPO_ROOT, normalise, verifyWithSharedTool } from '@cordage/testing';
import { renderConventionPdf } from '../convention/convention-pdf.renderer';
import { exampleScenario, modelOf } from '../convention/example-model.fixture';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueSignerCertificate,
} from './certificate-authority.issuer';
import { signPdf } from './pdf.signer';
import { findSignatureBox } from './signature-box';

const textOf = (bytes: Uint8Array): string => {
  const file = new PdfFile(Buffer.from(bytes));
  try {
    return normalise(file.text());
  } finally {
    file.remove();
  }
};
const count = (text: string, words: string) => text.split(words).length - 1;

describe('each member’s signature shows in its own box of the convention, added by its own update', () => {
  let dir: string;
  let caPath: string;
  let ca: CertificateAuthority;
  let model: BidDocumentModel;
  const revisions: Uint8Array[] = [];
  // 23:30 UTC on 31 December is already New Year's Day in Paris.
  const signedAt = (k: number) => new Date(Date.UTC(2026, 11, 31, 23, 30 + k));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cordage-boxes-'));
    ca = await createCertificateAuthority({
      commonName: 'Cordage CA test',
      organisation: 'Cordage',
    });
    caPath = path.join(dir, 'ca.pem');
    writeFileSync(caPath, ca.certificatePem);
    model = await modelOf(exampleScenario());
    revisions.push(await renderConventionPdf(model));
    for (const [k, party] of model.parties.entries()) {
      const certificate = await issueSignerCertificate(ca, {
        name: party.representative.name,
        organisation: party.legalName,
        identifier: organizationIdentifier(party.idScheme, party.idValue),
        email: party.representative.email,
      });
      revisions.push(
        await signPdf(at(revisions, k), certificate, {
          name: party.representative.name,
          reason: `Signature de la convention pour ${party.legalName}`,
          location: 'Montreuil',
          signingTime: signedAt(k),
          appearance: {
            box: signatureBoxName(party),
            organisation: party.legalName,
            capacity: party.representative.title,
            timeZone: 'Europe/Paris',
          },
        }),
      );
    }
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has one named box per party in the frozen file, which claims no signature', async () => {
    const frozen = await PDF.load(at(revisions, 0));
    for (const party of model.parties) {
      expect(findSignatureBox(frozen, signatureBoxName(party))).not.toBeNull();
    }
    expect(findSignatureBox(frozen, 'Signature SIRET 00000000000000')).toBeNull();
    expect(textOf(at(revisions, 0))).not.toMatch(/signé électroniquement/i);
  });

  it('shows exactly k signatures after k updates, each valid for the shared checker', () => {
    expect(model.parties.length).toBeGreaterThanOrEqual(10);
    expect(model.parties.length).toBeLessThan(30);
    for (let k = 1; k < revisions.length; k++) {
      expect(() => assertAppendOnly(at(revisions, k - 1), at(revisions, k))).not.toThrow();
      expect(count(textOf(at(revisions, k)), 'Signé électroniquement par')).toBe(k);
      const file = path.join(dir, `rev-${k}.pdf`);
      writeFileSync(file, at(revisions, k));
      const result = verifyWithSharedTool(file, caPath, k);
      expect({ k, output: result.output, status: result.status }).toMatchObject({ status: 0 });
    }
  });

  it('writes in each box the signer, its capacity, its organisation and its own date on the Paris clock', () => {
    const text = textOf(at(revisions, revisions.length - 1));
    for (const [k, party] of model.parties.entries()) {
      expect(text).toContain(
        normalise(`${party.representative.name}, ${party.representative.title}`),
      );
      expect(text).toContain(normalise(`pour ${party.legalName}`));
      // Signed at 23:30 + k UTC on 31 December 2026: 0:30 + k on New Year's Day in Paris.
      expect(text).toContain(`le 01/01/2027 à 0 h ${30 + k} (heure de Paris)`);
    }
  });

  it('keeps the signature pages, unsigned and fully signed, as pictures for a person to look at', () => {
    const folder = path.join(REPO_ROOT, 'tests', 'artifacts', 'documents');
    mkdirSync(folder, { recursive: true });
    for (const [name, bytes] of [
      ['convention-gelee', at(revisions, 0)],
      ['convention-signee', at(revisions, revisions.length - 1)],
    ] as const) {
      const file = path.join(dir, `${name}.pdf`);
      writeFileSync(file, bytes);
      const pages = new PdfFile(Buffer.from(bytes));
      const last = pages.pageCount();
      pages.remove();
      execFileSync('pdftoppm', [
        '-f',
        String(last - 1),
        '-l',
        String(last),
        '-r',
        '70',
        '-png',
        file,
        path.join(folder, name),
      ]);
    }
    expect(
      readdirSync(folder).filter((file) => file.endsWith('.png')).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('places each signature in its own party’s box, on the page of that box', async () => {
    const signed = await PDF.load(at(revisions, revisions.length - 1));
    const widgets = required(signed.getForm(), 'the form')
      .getFields()
      .map((field) => field.getDict());
    for (const party of model.parties) {
      const box = required(
        findSignatureBox(signed, signatureBoxName(party)),
        'the signature box of the party',
      );
      const onBox = widgets.filter((widget) => {
        const rect = widget.getArray('Rect');
        const corners = [0, 1, 2, 3].map((i) => rect?.at(i));
        return corners.every(
          (corner, i) =>
            corner instanceof PdfNumber && Math.abs(corner.value - at(box.rect, i)) < 0.01,
        );
      });
      expect(onBox).toHaveLength(1);
      expect(at(onBox, 0).getRef('P')?.objectNumber).toBe(box.page.objectNumber);
    }
  });
});

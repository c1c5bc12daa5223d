import { execFileSync } from 'node:child_process';
import {
  type BidDocumentModel,
  type Scenario,
  formatEuros,
  formatIdentifier,
  required,
} from '@cordage/domain';
import { renderConventionPdf } from './convention-pdf.renderer';
import { CONVENTION_TEMPLATE } from './convention-template.fr';
import { exampleScenario, modelOf, validBce } from './example-model.fixture';
import { PdfFile, normalise } from '@cordage/testing';

const ACCENTED_NAME = 'Œuvre Française « Ça ira » à Saint-Étienne';
const LIGATURE_NAME = 'Chœur des Bâtisseurs, où l’on peint à cœur';

/** Every amount annex A prints for a lot: each member's, the uncovered part, the lot total. */
function annexAAmounts(model: BidDocumentModel): string[] {
  return model.lots.flatMap((lot) => [
    ...lot.shares.map((share) => formatEuros(share.amountCents)),
    ...(lot.uncovered ? [formatEuros(lot.uncovered.amountCents)] : []),
    formatEuros(lot.amountCents),
  ]);
}

describe('renderConventionPdf, on the example bid', () => {
  let model: BidDocumentModel;
  let pdf: PdfFile;
  let text: string;

  beforeAll(async () => {
    const scenario = exampleScenario();
    // A name with every French sign that a font or an encoding could lose.
    const accented = required(
      scenario.organizations.find((o) => o.key === 'org-002'),
      'the organization sought',
    );
    accented.legalName = ACCENTED_NAME;
    required(
      scenario.organizations.find((o) => o.key === 'org-003'),
      'the organization sought',
    ).legalName = LIGATURE_NAME;
    model = await modelOf(scenario);
    pdf = new PdfFile(await renderConventionPdf(model));
    text = normalise(pdf.text());
  });

  afterAll(() => pdf.remove());

  it('names every party with its formatted identifier, office and representative', () => {
    expect(model.parties.length).toBeGreaterThan(5);
    for (const party of model.parties) {
      expect(text).toContain(normalise(party.legalName));
      expect(text).toContain(normalise(party.identifier));
      expect(text).toContain(normalise(party.registeredOffice));
      expect(text).toContain(normalise(party.representative.name));
    }
  });

  it('prints every amount of annex A as formatEuros writes it, and each lot adds up', () => {
    const amounts = annexAAmounts(model);
    expect(amounts.length).toBeGreaterThan(model.lots.length * 2);
    for (const amount of amounts) {
      // The figure itself carries narrow no-break spaces and a no-break space before the sign.
      expect(amount).toMatch(/^\d{1,3}(\u202f\d{3})*,\d{2}\u00a0€$/);
      expect(text).toContain(normalise(amount));
    }
    for (const lot of model.lots) {
      const cents =
        lot.shares.reduce((sum, share) => sum + share.amountCents, 0) +
        (lot.uncovered?.amountCents ?? 0);
      expect(cents).toBe(lot.amountCents);
    }
  });

  it('keeps the no-break spaces in the file: its fonts map glyphs to U+00A0 and U+202F', () => {
    const expanded = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf.file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString('latin1');
    expect(expanded).toMatch(/<202f>/i);
    expect(expanded).toMatch(/<00a0>/i);
  });

  it('keeps accents and signs', () => {
    expect(text).toContain(normalise(ACCENTED_NAME));
    expect(text).toContain(normalise(LIGATURE_NAME));
    for (const sign of ['é', 'è', 'à', 'ç', 'œ', 'Œ', 'É', '«', '»', '€', '’']) {
      expect(text).toContain(sign);
    }
  });

  it('passes qpdf --check and embeds every font', () => {
    const check = pdf.qpdfCheck();
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.status).toBe(0);
    const fonts = pdf.fonts();
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    expect(fonts.every((font) => font.name.includes('DejaVu'))).toBe(true);
  });

  it('declares PDF/A-2b in its XMP metadata, with its metadata and no form', () => {
    const raw = pdf.bytes.toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toContain('/OutputIntents');
    expect(raw).not.toContain('/AcroForm');
    const info = pdf.info();
    expect(info).toMatch(/^Author:\s+Cordage$/m);
    expect(info).toMatch(/^Title:\s+Convention de groupement — 2027-D93-PEINT$/m);
    expect(info).toMatch(/^Keywords:.*fr-2026\.5/m);
    expect(info).toMatch(/^Form:\s+none$/m);
    expect(info).toMatch(/^CreationDate:\s+Fri Nov 20 09:30:00 2026 UTC$/m);
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
  });

  it('numbers every page "Page x / n"', () => {
    const pages = pdf.pageCount();
    expect(pages).toBeGreaterThan(5);
    for (let page = 1; page <= pages; page++) {
      expect(normalise(pdf.text([page, page]))).toContain(`Page ${page} / ${pages}`);
    }
    expect(text).not.toContain(`Page ${pages + 1} /`);
  });

  it('lists the sections in its contents, with the page each one starts on', () => {
    const contents = normalise(pdf.text([2, 2]));
    expect(contents).toContain(CONVENTION_TEMPLATE.tocTitle);
    const sections = [
      CONVENTION_TEMPLATE.partiesTitle,
      ...CONVENTION_TEMPLATE.clauses.map((clause, i) => `Article ${i + 1} — ${clause.title}`),
      CONVENTION_TEMPLATE.annexA.title,
      ...model.lots.map((lot) => CONVENTION_TEMPLATE.annexA.lotTitle(lot)),
      CONVENTION_TEMPLATE.annexB.title,
      CONVENTION_TEMPLATE.signatures.title,
    ].map(normalise);
    for (const section of sections) {
      const line = new RegExp(`${escape(section)} (\\d+)`).exec(contents);
      expect(line).not.toBeNull();
      const page = Number(required(line, 'the page line')[1]);
      // The section really begins on the page the contents give.
      expect(normalise(pdf.text([page, page]))).toContain(section);
    }
  });

  it('fills the clauses from the model and the settings', () => {
    expect(text).toContain(normalise(model.tender.buyer.name));
    expect(text).toContain(normalise(model.tender.reference));
    expect(text).toContain(normalise(model.consortium.formLabel));
    expect(text).toContain('Rémunération du mandataire : aucune');
    expect(text).toContain('affectio societatis');
    expect(text).toContain(normalise('(article R2142-26 du Code de la commande publique)'));
    // Paid directly by default: no account of the mandataire, nothing to redistribute.
    expect(model.settings.paymentFlow).toBe('DIRECT');
    expect(text).toContain('L’acheteur paie directement chaque membre');
    expect(text).toContain(`${model.settings.exitNoticeDays} jours`);
    expect(text).toContain('selon les règles de droit commun');
    expect(text).toContain(`version ${model.allocation.versionNumber}`);
    // Unsigned, it claims no signature: one empty box per party, named for its signer's update.
    expect(text).not.toMatch(/signé électroniquement/i);
    expect(text.split('Signature électronique du représentant')).toHaveLength(
      model.parties.length + 1,
    );
    for (const subcontract of model.subcontracts) {
      expect(text).toContain(normalise(formatEuros(subcontract.maxAmountCents)));
      expect(text).toContain(normalise(subcontract.subcontractor.legalName));
    }
  });

  it('gives the same bytes for the same model', async () => {
    expect((await renderConventionPdf(model)).equals(pdf.bytes)).toBe(true);
  });

  it('prints the mandataire fee as a percentage of the amount', async () => {
    const paid = { ...model, settings: { ...model.settings, mandataireFeeBasisPoints: 150 } };
    const file = new PdfFile(await renderConventionPdf(paid));
    try {
      expect(normalise(file.text())).toContain('Rémunération du mandataire : 1,50 %');
    } finally {
      file.remove();
    }
  });
});

describe('renderConventionPdf, Belgian variant', () => {
  let model: BidDocumentModel;
  let pdf: PdfFile;
  let text: string;

  beforeAll(async () => {
    const scenario: Scenario = exampleScenario();
    scenario.tender.buyer = {
      name: 'Région de Bruxelles-Capitale',
      idScheme: 'BCE',
      id: validBce('02480877'),
    };
    scenario.organizations.forEach((organisation, i) => {
      organisation.idScheme = 'BCE';
      organisation.id = validBce(String(4_000_000 + i * 1_237).padStart(8, '0'));
    });
    model = await modelOf(scenario);
    pdf = new PdfFile(await renderConventionPdf(model));
    text = normalise(pdf.text());
  });

  afterAll(() => pdf.remove());

  it('is an association momentanée under Belgian law, with BCE numbers', () => {
    expect(model.locale).toBe('fr-BE');
    expect(text).toContain('Convention d’association momentanée');
    expect(text).toContain('association momentanée');
    expect(text).toContain('loi du 17 juin 2016 relative aux marchés publics');
    expect(text).not.toContain('Code de la commande publique');
    expect(text).toContain(formatIdentifier('BCE', model.tender.buyer.id));
    for (const party of model.parties) {
      expect(party.identifier).toMatch(/^BCE \d{4}\.\d{3}\.\d{3}$/);
      expect(text).toContain(party.identifier);
    }
    expect(pdf.qpdfCheck().status).toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

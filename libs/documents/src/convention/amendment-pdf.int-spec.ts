import {
  type BidDocumentModel,
  type MembershipChange,
  formatEuros,
  at,
  required,
} from '@cordage/domain';
import { PdfFile, normalise } from '@cordage/testing';
import { renderAmendmentPdf } from './amendment-pdf.renderer';
import { exampleScenario, modelOf } from './example-model.fixture';

const LEAVING = 'org-008';

/** The new split: the example bid allocated again without the leaving member. */
async function modelWithout(key: string, settings: Parameters<typeof modelOf>[1] = {}) {
  const scenario = exampleScenario();
  scenario.organizations = scenario.organizations.filter((o) => o.key !== key);
  scenario.offers = scenario.offers.filter((offer) => offer.org !== key);
  scenario.limits = scenario.limits.filter((limit) => limit.org !== key);
  return modelOf(scenario, settings);
}

async function changeOf(key: string): Promise<MembershipChange> {
  const leaving = required(
    (await modelOf(exampleScenario())).parties.find((party) => party.key === key),
    'the party sought',
  );
  return {
    amendmentNumber: 2,
    reasonLabel: 'un membre dans l’impossibilité d’exécuter sa part',
    justification: 'Son atelier de Montreuil a fermé après un incendie le 3 novembre.',
    leaving: { legalName: leaving.legalName, identifier: leaving.identifier },
    requestedAt: '2026-11-24T10:15:00.000Z',
  };
}

describe('renderAmendmentPdf, on the example bid without one member', () => {
  let model: BidDocumentModel;
  let change: MembershipChange;
  let pdf: PdfFile;
  let text: string;

  beforeAll(async () => {
    change = await changeOf(LEAVING);
    model = await modelWithout(LEAVING);
    pdf = new PdfFile(await renderAmendmentPdf(model, change));
    text = normalise(pdf.text());
  });

  afterAll(() => pdf.remove());

  it('is amendment n° N for the tender, and names who leaves, why and under which rule', () => {
    expect(text).toContain(normalise('Avenant n° 2 à la convention de groupement'));
    expect(text).toContain(normalise(model.tender.reference));
    expect(text).toContain(normalise(model.tender.buyer.name));
    expect(text).toContain(normalise(change.leaving.legalName));
    expect(text).toContain(normalise(change.leaving.identifier));
    expect(text).toContain(normalise(change.reasonLabel));
    expect(text).toContain(normalise(change.justification));
    expect(text).toContain(normalise('article R2142-26 du Code de la commande publique'));
    expect(text).toContain(`version ${model.allocation.versionNumber}`);
  });

  it('lists every remaining party, mandataire first, and signs only for them', () => {
    expect(model.parties.map((party) => party.key)).not.toContain(LEAVING);
    expect(at(model.parties, 0).isMandataire).toBe(true);
    for (const party of model.parties) {
      expect(text).toContain(normalise(party.legalName));
      expect(text).toContain(normalise(party.identifier));
    }
    const signatures = normalise(pdf.text([pdf.pageCount(), pdf.pageCount()]));
    expect(signatures).not.toContain(normalise(change.leaving.legalName));
    expect(text).not.toMatch(/signé électroniquement/i);
    expect(text.split('Signature électronique du représentant').length - 1).toBe(
      model.parties.length,
    );
  });

  it('prints every amount of the new annex A as formatEuros writes it', () => {
    const amounts = model.lots.flatMap((lot) => [
      ...lot.shares.map((share) => formatEuros(share.amountCents)),
      ...(lot.uncovered ? [formatEuros(lot.uncovered.amountCents)] : []),
      formatEuros(lot.amountCents),
    ]);
    expect(amounts.length).toBeGreaterThan(model.lots.length * 2);
    for (const amount of amounts) expect(text).toContain(normalise(amount));
  });

  it('passes qpdf --check, embeds every font, has no form and numbers every page', () => {
    expect(pdf.qpdfCheck().status).toBe(0);
    const fonts = pdf.fonts();
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    const raw = pdf.bytes.toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).not.toContain('/AcroForm');
    const pages = pdf.pageCount();
    for (let page = 1; page <= pages; page++) {
      expect(normalise(pdf.text([page, page]))).toContain(`Page ${page} / ${pages}`);
    }
  });

  it('follows the Belgian frame for a Belgian bid', async () => {
    const belgian = new PdfFile(
      await renderAmendmentPdf(await modelWithout(LEAVING, { locale: 'fr-BE' }), change),
    );
    try {
      const belgianText = normalise(belgian.text());
      expect(belgianText).toContain(
        normalise('Avenant n° 2 à la convention d’association momentanée'),
      );
      expect(belgianText).toContain('association momentanée');
      expect(belgianText).toContain('loi du 17 juin 2016 relative aux marchés publics');
      expect(belgianText).not.toContain(normalise('R2142-26'));
      expect(belgian.qpdfCheck().status).toBe(0);
    } finally {
      belgian.remove();
    }
  });
});

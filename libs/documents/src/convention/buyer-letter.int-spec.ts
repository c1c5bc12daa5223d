import { type BidDocumentModel, type MembershipChange, formatEuros, at } from '@cordage/domain';
import { PdfFile, normalise } from '@cordage/testing';
import { renderBuyerLetterPdf } from './buyer-letter.renderer';
import { exampleScenario, modelOf } from './example-model.fixture';

/** The renderer takes the model as it comes: here the example split, one party said to leave. */
function changeOf(model: BidDocumentModel): MembershipChange {
  const leaving = at(model.parties, model.parties.length - 1);
  return {
    amendmentNumber: 1,
    reasonLabel: 'un membre dans l’impossibilité d’exécuter sa part',
    justification: 'Liquidation judiciaire prononcée le 12 novembre 2026.',
    leaving: { legalName: leaving.legalName, identifier: leaving.identifier },
    requestedAt: '2026-11-01T08:00:00.000Z',
  };
}

describe('renderBuyerLetterPdf, on the example bid', () => {
  let model: BidDocumentModel;
  let change: MembershipChange;
  let pdf: PdfFile;
  let text: string;

  beforeAll(async () => {
    model = await modelOf(exampleScenario());
    change = changeOf(model);
    pdf = new PdfFile(await renderBuyerLetterPdf(model, change));
    text = normalise(pdf.text());
  });

  afterAll(() => pdf.remove());

  it('goes from the mandataire to the buyer, dated, about the tender', () => {
    const { mandataire, tender } = model;
    for (const line of [
      mandataire.legalName,
      mandataire.identifier,
      mandataire.registeredOffice,
      mandataire.representative.name,
      tender.buyer.name,
      tender.buyer.identifier,
    ]) {
      expect(text).toContain(normalise(line));
    }
    expect(text).toContain(
      normalise(
        `Demande d’agrément d’une modification de la composition du groupement — consultation ${tender.reference}`,
      ),
    );
    expect(text).toContain('Le 1er novembre 2026');
  });

  it('names the member leaving, why, and each remaining member with its total', () => {
    expect(text).toContain(normalise(change.leaving.legalName));
    expect(text).toContain(normalise(change.reasonLabel));
    expect(text).toContain(normalise(change.justification));
    for (const party of model.parties) {
      expect(text).toContain(
        normalise(
          `${party.legalName} (${party.identifier}) : ${formatEuros(party.amountCents)} HT`,
        ),
      );
    }
    expect(text).toContain(normalise('R2142-26'));
    expect(text).toContain('Signature électronique du représentant');
    expect(text).not.toMatch(/signé électroniquement/i);
  });

  it('fits on one or two numbered A4 pages, with embedded fonts, and passes qpdf --check', () => {
    const pages = pdf.pageCount();
    expect(pages).toBeLessThanOrEqual(2);
    for (let page = 1; page <= pages; page++) {
      expect(normalise(pdf.text([page, page]))).toContain(`Page ${page} / ${pages}`);
    }
    expect(pdf.info()).toMatch(/^Page size:.*\(A4\)$/m);
    expect(pdf.fonts().filter((font) => !font.embedded)).toEqual([]);
    expect(pdf.qpdfCheck().status).toBe(0);
  });

  it('follows the Belgian frame for a Belgian bid', async () => {
    const belgianModel = await modelOf(exampleScenario(), { locale: 'fr-BE' });
    const belgian = new PdfFile(await renderBuyerLetterPdf(belgianModel, changeOf(belgianModel)));
    try {
      const belgianText = normalise(belgian.text());
      expect(belgianText).toContain(normalise('composition de l’association momentanée'));
      expect(belgianText).not.toContain(normalise('R2142-26'));
      expect(belgian.qpdfCheck().status).toBe(0);
    } finally {
      belgian.remove();
    }
  });
});

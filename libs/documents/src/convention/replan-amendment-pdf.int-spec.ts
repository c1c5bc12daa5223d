import {
  type BidDocumentModel,
  type ReplanAmendment,
  type ReplanLine,
  at,
  formatEuros,
  replanAmendmentCells,
  replanAmendmentTerms,
} from '@cordage/domain';
import { PdfFile, normalise } from '@cordage/testing';
import { exampleScenario, modelOf } from './example-model.fixture';
import { renderReplanAmendmentPdf } from './replan-amendment-pdf.renderer';

/** A re-plan from month 7 on lot 1: the first two parties share a territory, a part uncovered. */
function amendmentOf(model: BidDocumentModel): ReplanAmendment {
  const lot = at(model.lots, 0);
  const territory = at(lot.places, 0).code;
  const [first, second] = [at(model.parties, 0).key, at(model.parties, 1).key];
  const line = (org: string | null, period: number, amountCents: number): ReplanLine => ({
    org,
    lot: lot.number,
    territory,
    period,
    hundredths: 12_345,
    amountCents,
    insertionHours: 7,
  });
  const planned = [line(first, 7, 500_000), line(second, 7, 400_001)];
  const replanned = [line(first, 7, 300_000), line(first, 8, 250_000), line(second, 8, 350_000)];
  const withUncovered = [...replanned, line(null, 7, 1)];
  return {
    terms: replanAmendmentTerms(3, 7, planned, replanned),
    replanNumber: 2,
    justification: 'Un membre est à la moitié de son prévu depuis mars.',
    requestedAt: '2027-03-02T09:00:00.000Z',
    cells: replanAmendmentCells(7, withUncovered),
    vote: {
      explanation: 'Approuvée à l’unanimité des membres.',
      ballots: [
        { org: first, choice: 'APPROVE', comment: null, votedAt: '2027-03-03T10:00:00.000Z' },
        { org: second, choice: 'APPROVE', comment: 'D’accord.', votedAt: '2027-03-04T10:00:00Z' },
      ],
    },
  };
}

describe('renderReplanAmendmentPdf, on the example bid', () => {
  let model: BidDocumentModel;
  let amendment: ReplanAmendment;
  let pdf: PdfFile;
  let text: string;

  beforeAll(async () => {
    model = await modelOf(exampleScenario());
    amendment = amendmentOf(model);
    pdf = new PdfFile(await renderReplanAmendmentPdf(model, amendment));
    text = normalise(pdf.text());
  });
  afterAll(() => pdf.remove());

  it('says which periods change, why, the new plan per member and territory, and the vote', () => {
    expect(text).toContain(normalise('Avenant n° 3 à la convention de groupement'));
    expect(text).toContain(normalise('à partir de la période 7'));
    expect(text).toContain(normalise('Les périodes 1 à 6 ne changent pas'));
    expect(text).toContain(normalise(amendment.justification));
    expect(text).toContain(normalise(at(model.lots, 0).places[0]?.name ?? ''));
    // The first party's two months summed: 5 500,00 € and 246,9 h; the uncovered part apart.
    expect(text).toContain(normalise(formatEuros(550_000)));
    expect(text).toContain(normalise('Part non couverte'));
    expect(text).toContain(normalise(formatEuros(amendment.terms.beforeCents)));
    expect(text).toContain(normalise(formatEuros(amendment.terms.afterCents)));
    expect(text).toContain(normalise(amendment.vote.explanation));
    expect(text).toContain(normalise('D’accord.'));
  });

  it('has one empty signature block per party and is a PDF/A file qpdf accepts', () => {
    expect(text).not.toMatch(/signé électroniquement/i);
    expect(text.split('Signature électronique du représentant').length - 1).toBe(
      model.parties.length,
    );
    expect(pdf.qpdfCheck().status).toBe(0);
    expect(pdf.bytes.toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(pdf.fonts().filter((font) => !font.embedded)).toEqual([]);
  });
});

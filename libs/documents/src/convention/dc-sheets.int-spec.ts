import { type BidDocumentModel, formatEuros, formatSharePercent } from '@cordage/domain';
import { renderDc1Pdf, renderDc4Pdf } from './dc-sheets.renderer';
import { exampleScenario, modelOf } from './example-model.fixture';
import { PdfFile, normalise } from '@cordage/testing';

describe('DC1 and DC4 data sheets, on the example bid', () => {
  let model: BidDocumentModel;

  beforeAll(async () => {
    model = await modelOf(exampleScenario());
  });

  it('DC1: the consortium, every member and the split of services per lot', async () => {
    const pdf = new PdfFile(await renderDc1Pdf(model));
    try {
      const text = normalise(pdf.text());
      expect(text).toContain('Fiche de données pour le formulaire DC1');
      expect(text).toContain('ce n’est pas le formulaire officiel DC1');
      expect(text).toContain(normalise(model.consortium.formLabel));
      expect(text).toContain(normalise(`${model.mandataire.legalName} (mandataire)`));
      for (const party of model.parties) {
        expect(text).toContain(normalise(party.legalName));
        expect(text).toContain(normalise(party.identifier));
        expect(text).toContain(normalise(party.registeredOffice));
        // No capacity entered in the example: the title the organisation gave its representative.
        expect(text).toContain(
          normalise(`${party.representative.name}, ${party.representative.title}`),
        );
      }
      expect(text).toContain('forme juridique à');
      expect(text).not.toContain('qualité à compléter');
      for (const lot of model.lots) {
        expect(text).toContain(normalise(formatEuros(lot.amountCents)));
        for (const share of lot.shares) {
          expect(text).toContain(normalise(formatEuros(share.amountCents)));
          expect(text).toContain(normalise(formatSharePercent(share.sharePermille)));
        }
      }
      const pages = pdf.pageCount();
      expect(text).toContain(`Page ${pages} / ${pages}`);
      expect(pdf.qpdfCheck().status).toBe(0);
      expect(pdf.fonts().every((font) => font.embedded)).toBe(true);
    } finally {
      pdf.remove();
    }
  });

  it('DC4: one sheet per subcontract with its parties, nature, amount and payment', async () => {
    expect(model.subcontracts.length).toBeGreaterThan(0);
    for (const subcontract of model.subcontracts) {
      const pdf = new PdfFile(await renderDc4Pdf(model, subcontract));
      try {
        const text = normalise(pdf.text());
        expect(text).toContain('Fiche de données pour le formulaire DC4');
        expect(text).toContain(normalise(subcontract.principal.legalName));
        expect(text).toContain(normalise(subcontract.principal.identifier));
        expect(text).toContain(normalise(subcontract.subcontractor.legalName));
        expect(text).toContain(normalise(subcontract.subcontractor.identifier));
        expect(text).toContain(normalise(subcontract.subcontractor.kindLabel));
        expect(text).toContain(normalise(subcontract.nature));
        expect(text).toContain(normalise(formatEuros(subcontract.maxAmountCents)));
        expect(text).toContain(`Paiement direct ${subcontract.directPayment ? 'oui' : 'non'}`);
        // The fields of the current DC4: duration, amounts with the rate, representative, terms.
        expect(text).toContain(normalise('Durée de la sous-traitance'));
        expect(text).toContain(normalise(formatEuros(subcontract.maxAmountInclVatCents)));
        expect(text).toContain(normalise('taux de 20,00 %'));
        expect(text).toContain(normalise(subcontract.subcontractor.representative.name));
        expect(text).toContain(normalise('dans le délai de 30 jours'));
        expect(text).toContain(normalise('à partir de 600 € TTC'));
        expect(text).toContain(`Page 1 / ${pdf.pageCount()}`);
        expect(pdf.qpdfCheck().status).toBe(0);
      } finally {
        pdf.remove();
      }
    }
  });
});

describe('the DC4 sheet of subcontracted works', () => {
  it('says the VAT is reverse-charged and counts 600 EUR incl. VAT without it', async () => {
    const model = await modelOf(exampleScenario(), { contractNature: 'WORKS' });
    const subcontract = model.subcontracts.find((s) => s.kind === 'SOUS_TRAITANCE');
    if (!subcontract) throw new Error('the example declares no subcontract');
    expect(subcontract.reverseCharge).toBe(true);
    expect(subcontract.maxAmountInclVatCents).toBe(subcontract.maxAmountCents);
    const pdf = new PdfFile(await renderDc4Pdf(model, subcontract));
    try {
      const text = normalise(pdf.text());
      expect(text).toContain('autoliquidation');
      expect(text).toContain(normalise('article 283, 2 nonies, du code général des impôts'));
    } finally {
      pdf.remove();
    }
  });
});

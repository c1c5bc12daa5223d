import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { required } from '@cordage/domain';
import { PdfFile, normalise } from '@cordage/testing';
import { renderConventionPdf } from './convention-pdf.renderer';
import { exampleScenario, modelOf } from './example-model.fixture';

/** Where a person finds the pages to look at (tests/artifacts is ignored by git). */
const ARTIFACTS = path.resolve(__dirname, '../../../../tests/artifacts/convention');

describe('the convention’s pages, for a person to look at', () => {
  it('renders every page to PNG in tests/artifacts/convention', async () => {
    const scenario = exampleScenario();
    // The mandataire has entered its particulars, the others not yet: both are seen.
    const mandataire = required(
      scenario.organizations.find((o) => o.key === scenario.consortium.mandataire),
      'the mandataire',
    );
    mandataire.particulars = {
      legalForm: 'SCIC',
      registeredAddress: '12 rue de la République, 93200 Saint-Denis',
      approvalNumber: '93-2024-0117',
      approvalAuthority: 'DREETS Île-de-France',
      representativeCapacity: 'directrice générale',
    };
    const model = await modelOf(scenario, { contractNature: 'WORKS' });
    const bytes = await renderConventionPdf(model);
    const pdf = new PdfFile(bytes);
    try {
      const text = normalise(pdf.text());
      expect(text).toContain(normalise('au 12 rue de la République, 93200 Saint-Denis'));
      // The capacity entered, or else the representative's title: never a blank to fill by hand.
      expect(text).toContain(normalise('en qualité de directrice générale'));
      const other = required(
        scenario.organizations.find((o) => o.key !== mandataire.key && !o.particulars),
        'a member without particulars',
      );
      expect(text).toContain(
        normalise(
          `représentée par ${other.representative.name}, en qualité de ${other.representative.title}`,
        ),
      );
      expect(text).not.toContain(normalise('qualité de à compléter'));
      for (const title of [
        'Dépenses communes et compte prorata',
        'Frais de préparation de l’offre',
        'Prestations supplémentaires et modifications du marché',
        'Retenue de garantie et garanties financières',
        'Force majeure et imprévision',
        'Décompte final et comptes entre les membres',
      ]) {
        expect(text).toContain(normalise(title));
      }
      expect(text).toContain('fr2026.5'); // the template's version, its hyphen dropped by normalise
      expect(text).toContain(normalise('Total de chaque membre sur l’ensemble des lots'));
      expect(text).toContain(normalise('garantie de parfait achèvement'));

      rmSync(ARTIFACTS, { recursive: true, force: true });
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(path.join(ARTIFACTS, 'convention.pdf'), bytes);
      execFileSync('pdftoppm', ['-png', '-r', '80', pdf.file, path.join(ARTIFACTS, 'page')]);
      const pages = readdirSync(ARTIFACTS).filter((name) => name.endsWith('.png'));
      expect(pages).toHaveLength(pdf.pageCount());
      // A blank page of A4 at 80 dpi weighs a few kilobytes; each page here has text on it.
      for (const page of pages) {
        expect(statSync(path.join(ARTIFACTS, page)).size).toBeGreaterThan(10_000);
      }
    } finally {
      pdf.remove();
    }
  });
});

// `cordage documents` as a user runs it: its own process, no database, no Redis, no .env.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Scenario, validateScenario, at, required } from '@cordage/domain';
import { scenarioWorkbook, validateOcdsPackage } from '@cordage/documents';
import { PdfFile, normalise, runCordage } from '@cordage/testing';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'colleges-93.json');
const DATE = '2026-11-26T10:00:00.000Z';

function pdfText(file: string): string {
  const pdf = new PdfFile(readFileSync(file));
  try {
    return normalise(pdf.text());
  } finally {
    pdf.remove();
  }
}

describe('cordage documents', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'cordage-documents-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the convention, DC1, DC4, XLSX, CSV and OCDS of a scenario, offline', () => {
    const out = path.join(folder, 'out');
    const run = runCordage(['documents', EXAMPLE, '--out', out, '--date', DATE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.filter((file) => file.includes('-dc4-'))).toHaveLength(5);
    for (const suffix of [
      'convention.pdf',
      'dc1.pdf',
      'repartition.xlsx',
      'repartition.csv',
      'repartition-iso.csv',
    ]) {
      expect(files.some((file) => file.endsWith(suffix))).toBe(true);
    }
    // The CSV for people opens in a French Excel; the one for programs is plain RFC 4180.
    const csv = (suffix: string) =>
      readFileSync(
        path.join(
          out,
          required(
            files.find((file) => file.endsWith(suffix)),
            suffix,
          ),
        ),
        'utf8',
      );
    expect(csv('repartition.csv')).toMatch(/^\uFEFFConsultation;/);
    expect(csv('repartition-iso.csv')).toMatch(/^tender_reference,/);
    const ocds = required(
      files.find((file) => file.endsWith('ocds.json')),
      'the OCDS file',
    );
    expect(validateOcdsPackage(JSON.parse(readFileSync(path.join(out, ocds), 'utf8')))).toEqual({
      valid: true,
      errors: [],
    });
    const convention = pdfText(
      path.join(
        out,
        required(
          files.find((f) => f.endsWith('convention.pdf')),
          'the convention PDF',
        ),
      ),
    );
    expect(convention).toContain('Rénov');
    expect(convention).toContain(normalise('Département de la Seine-Saint-Denis'));
  });

  it('takes the same scenario as an XLSX workbook, and names sheet, row and column of a mistake', async () => {
    const validation = validateScenario(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    if (!validation.ok) throw new Error('the example does not validate');
    const workbook = path.join(folder, 'scenario.xlsx');
    writeFileSync(workbook, await scenarioWorkbook(validation.scenario));
    const out = path.join(folder, 'from-xlsx');
    const run = runCordage(['documents', workbook, '--out', out, '--date', DATE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(out)).toHaveLength(11);

    const broken: Scenario = structuredClone(validation.scenario);
    at(broken.offers, 3).org = 'inconnue';
    writeFileSync(workbook, await scenarioWorkbook(broken));
    const refused = runCordage(['allocate', workbook, '--out', path.join(folder, 'result.json')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/feuille « Offres », ligne \d+, colonne [A-Z]+/);
  });
});

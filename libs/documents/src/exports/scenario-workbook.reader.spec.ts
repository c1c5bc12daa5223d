import {
  DomainError,
  DomainErrorCode,
  type Problem,
  type Scenario,
  invalidScenarioError,
  validateScenario,
  at,
  required,
} from '@cordage/domain';
import ExcelJS from 'exceljs';
import { exampleScenario } from './bid-exports.fixture';
import { locateProblems, readScenarioWorkbook } from './scenario-workbook.reader';
import { scenarioTemplateWorkbook, templateScenario } from './scenario-workbook.template';
import { scenarioWorkbook } from './scenario-workbook.writer';

/** The example written by Cordage, then edited as a coordinator would in Excel. */
async function editedWorkbook(edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await scenarioWorkbook(exampleScenario())) as unknown as ArrayBuffer);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function problemsOf(buffer: Buffer): Promise<readonly Problem[]> {
  const error = await readScenarioWorkbook(buffer).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(DomainErrorCode.INVALID_SCENARIO);
  return (error as DomainError).problems;
}

const sheet = (workbook: ExcelJS.Workbook, name: string) =>
  required(workbook.getWorksheet(name), `the sheet ${name}`);

describe('scenario workbook', () => {
  let example: Scenario;
  beforeAll(() => {
    example = exampleScenario();
  });

  it('reads back the scenario it writes', async () => {
    const workbook = await readScenarioWorkbook(await scenarioWorkbook(example));
    const validation = validateScenario(workbook.input);
    expect(validation.problems).toEqual([]);
    expect(validation.scenario).toEqual(example);
  });

  it('reads the tender’s prohibition of several consortia as « Oui » or « Non », and names a wrong answer', async () => {
    const exclusive = { ...example, tender: { ...example.tender, exclusiveMembership: true } };
    const written = await readScenarioWorkbook(await scenarioWorkbook(exclusive));
    expect(validateScenario(written.input).scenario?.tender.exclusiveMembership).toBe(true);
    const buffer = await editedWorkbook((workbook) => {
      sheet(workbook, 'Consultation').getCell('B9').value = 'Peut-être';
    });
    expect(await problemsOf(buffer)).toEqual([
      {
        path: 'feuille « Consultation », ligne 9, colonne B « Interdit d’être membre de plusieurs groupements (R2142-21) »',
        code: 'INVALID_CELL',
        message: '« Oui » ou « Non » est attendu (reçu « Peut-être »)',
      },
    ]);
  });

  it('reads at most N members and the territorial coverage, and points a wrong level at its cell', async () => {
    const rules = {
      ...example.consortium.rules,
      maxMembers: 9,
      minCoverage: { level: 'PROVINCE' as const, count: 3 },
    };
    const withRules = { ...example, consortium: { ...example.consortium, rules } };
    const written = await readScenarioWorkbook(await scenarioWorkbook(withRules));
    expect(validateScenario(written.input).scenario).toEqual(withRules);

    const buffer = await editedWorkbook((workbook) => {
      const form = sheet(workbook, 'Consultation');
      form.eachRow((row) => {
        if (row.getCell(1).value === 'Couverture territoriale : niveau') {
          row.getCell(2).value = 'Cantons';
        }
      });
    });
    expect(await problemsOf(buffer)).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(
          /^feuille « Consultation », ligne \d+, colonne B « Couverture territoriale : niveau »$/,
        ),
        code: 'INVALID_CELL',
      }),
    ]);
  });

  it('accepts numbers as numeric text, Excel dates, and leaves empty optional cells out', async () => {
    const buffer = await editedWorkbook((workbook) => {
      const offers = sheet(workbook, 'Offres');
      offers.getCell('D2').value = ' 1 200 ';
      const consultation = sheet(workbook, 'Consultation');
      consultation.getCell('B7').value = new Date(Date.UTC(2027, 6, 15, 12, 0)); // summer time
      sheet(workbook, 'Organisations').getCell('H2').value = null;
    });
    const { input } = await readScenarioWorkbook(buffer);
    const validation = validateScenario(input);
    expect(validation.problems).toEqual([]);
    expect(at(required(validation.scenario, 'the scenario read').offers, 0).hours).toBe(1200);
    expect(required(validation.scenario, 'the scenario read').tender.deadline).toBe(
      '2027-07-15T12:00:00+02:00',
    );
    expect(required(validation.scenario, 'the scenario read').organizations[0]).not.toHaveProperty(
      'insertionHoursMax',
    );
  });

  it('reads an empty staff as unknown, and writes an unknown staff as an empty cell', async () => {
    const buffer = await editedWorkbook((workbook) => {
      const organisations = sheet(workbook, 'Organisations');
      const headers = organisations.getRow(1).values as unknown[];
      organisations.getRow(2).getCell(headers.indexOf('Effectif')).value = null;
    });
    const read = validateScenario((await readScenarioWorkbook(buffer)).input).scenario;
    const first = at(required(read, 'the scenario read').organizations, 0);
    expect(first.employees).toBeNull();

    const again = await readScenarioWorkbook(await scenarioWorkbook(required(read, 'read')));
    expect(validateScenario(again.input).scenario).toEqual(read);
  });

  it('lists every problem of the workbook itself, by sheet, row and column', async () => {
    const buffer = await editedWorkbook((workbook) => {
      sheet(workbook, 'Organisations').spliceColumns(5, 1); // « Nature » (kind)
      sheet(workbook, 'Offres').getCell('D14').value = 'beaucoup';
      sheet(workbook, 'Cellules').getCell('A3').value = 9;
      sheet(workbook, 'Lots').getCell('E1').value = 'Commentaire';
    });
    expect(await problemsOf(buffer)).toEqual([
      {
        path: 'feuille « Lots », ligne 1, colonne E « Commentaire »',
        code: 'UNKNOWN_COLUMN',
        message: 'colonne inconnue « Commentaire »',
      },
      {
        path: 'feuille « Cellules », ligne 3, colonne A « Lot »',
        code: 'UNKNOWN_LOT',
        message: 'lot inconnu 9 : la feuille « Lots » n’a pas ce numéro',
      },
      {
        path: 'feuille « Organisations », ligne 1',
        code: 'MISSING_COLUMN',
        message: 'colonne obligatoire absente : « Nature »',
      },
      {
        path: 'feuille « Offres », ligne 14, colonne D « Heures »',
        code: 'INVALID_CELL',
        message: 'un nombre est attendu (reçu « beaucoup »)',
      },
    ]);
  });

  it('reports a missing sheet', async () => {
    const buffer = await editedWorkbook((workbook) => {
      workbook.removeWorksheet(sheet(workbook, 'Organisations').id);
    });
    expect(await problemsOf(buffer)).toEqual([
      { path: 'feuille « Organisations »', code: 'MISSING_SHEET', message: 'feuille absente' },
    ]);
  });

  it('points the validation’s problems at their cells', async () => {
    const buffer = await editedWorkbook((workbook) => {
      sheet(workbook, 'Consultation').getCell('B2').value = null;
      sheet(workbook, 'Organisations').getCell('K3').value = 'pas-un-courriel';
    });
    const workbook = await readScenarioWorkbook(buffer);
    const validation = validateScenario(workbook.input);
    const located = locateProblems(invalidScenarioError(validation.problems), workbook);
    expect(located.code).toBe(DomainErrorCode.INVALID_SCENARIO);
    expect(located.problems.map((problem) => [problem.path, problem.code])).toEqual([
      [
        'feuille « Consultation », ligne 2, colonne B « Référence de la consultation »',
        'SCHEMA_INVALID_TYPE',
      ],
      [
        'feuille « Organisations », ligne 3, colonne K « Courriel du représentant »',
        'SCHEMA_INVALID_FORMAT',
      ],
    ]);
    expect(workbook.locate('offers[12].org')).toBe(
      'feuille « Offres », ligne 14, colonne A « Organisation »',
    );
  });

  it('points cross-reference problems (unknown organisation, unknown lot) at their cells', async () => {
    const buffer = await editedWorkbook((workbook) => {
      sheet(workbook, 'Offres').getCell('A14').value = 'org-inconnue';
      sheet(workbook, 'Offres').getCell('B20').value = 7;
    });
    const workbook = await readScenarioWorkbook(buffer);
    const validation = validateScenario(workbook.input);
    const located = locateProblems(invalidScenarioError(validation.problems), workbook);
    expect(located.problems).toEqual([
      {
        path: 'feuille « Offres », ligne 14, colonne A « Organisation »',
        code: 'UNKNOWN_REFERENCE',
        message: 'organisation inconnue org-inconnue',
      },
      {
        path: 'feuille « Offres », ligne 20, colonne B « Lot »',
        code: 'UNKNOWN_REFERENCE',
        message: 'lot inconnu 7',
      },
    ]);
  });

  it('writes amounts in euros, choices in French and territories by name, and reads them back exactly', async () => {
    const names = new Map([['COM:93066', 'Saint-Denis']]);
    const buffer = await scenarioWorkbook(example, names);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const lots = sheet(workbook, 'Lots');
    expect(lots.getCell('C1').value).toBe('Montant HT (€)');
    expect(lots.getCell('C2').value).toBe(at(example.tender.lots, 0).amountCents / 100);
    expect(lots.getCell('C2').numFmt).toBe('#,##0.00 "€"');
    const offers = sheet(workbook, 'Offres');
    expect(offers.getCell('E2').value).toBe('Principale');
    expect(sheet(workbook, 'Organisations').getCell('G2').value).toBe('Saint-Denis (COM:93066)');
    expect(sheet(workbook, 'Consultation').getCell('B10').value).toBe(
      'Conjoint, mandataire solidaire',
    );
    const read = validateScenario((await readScenarioWorkbook(buffer)).input);
    expect(read.problems).toEqual([]);
    expect(read.scenario).toEqual(example);
  });

  it('reads euros written as text, a territory by its code alone, a preference in any case', async () => {
    const buffer = await editedWorkbook((workbook) => {
      sheet(workbook, 'Lots').getCell('C2').value = '1 234,56 €';
      sheet(workbook, 'Lots').getCell('C3').value = 12.34;
      sheet(workbook, 'Offres').getCell('C2').value = 'n’importe quel nom (COM:93031)';
      sheet(workbook, 'Offres').getCell('E2').value = 'secondaire';
    });
    const read = required(
      validateScenario((await readScenarioWorkbook(buffer)).input).scenario,
      'the scenario read',
    );
    expect(at(read.tender.lots, 0).amountCents).toBe(123_456);
    expect(at(read.tender.lots, 1).amountCents).toBe(1234);
    expect(at(read.offers, 0)).toMatchObject({ territory: 'COM:93031', preference: 'SECONDARY' });
  });

  it('says what a money or a preference cell expects, in the reader’s words', async () => {
    const buffer = await editedWorkbook((workbook) => {
      sheet(workbook, 'Lots').getCell('C2').value = 10.125;
      sheet(workbook, 'Lots').getCell('C3').value = 'cent mille';
      sheet(workbook, 'Offres').getCell('E2').value = 'PRIMAIRE';
    });
    expect(await problemsOf(buffer)).toEqual([
      {
        path: 'feuille « Lots », ligne 2, colonne C « Montant HT (€) »',
        code: 'INVALID_CELL',
        message: 'un montant a au plus deux décimales, les centimes (reçu « 10.125 »)',
      },
      {
        path: 'feuille « Lots », ligne 3, colonne C « Montant HT (€) »',
        code: 'INVALID_CELL',
        message: 'un montant en euros est attendu, comme 1 234,56 (reçu « cent mille »)',
      },
      {
        path: 'feuille « Offres », ligne 2, colonne E « Préférence »',
        code: 'INVALID_CELL',
        message:
          'l’une de ces valeurs est attendue : « Principale », « Secondaire » (reçu « PRIMAIRE »)',
      },
    ]);
  });

  it('keeps a member’s particulars, its legal form in words', async () => {
    const organisations = example.organizations.map((organisation, index) =>
      index === 0
        ? {
            ...organisation,
            particulars: {
              legalForm: 'SCOP' as const,
              registeredAddress: '12 rue de la République, 93200 Saint-Denis',
              representativeCapacity: 'gérante',
            },
          }
        : organisation,
    );
    const withParticulars = { ...example, organizations: organisations };
    const buffer = await scenarioWorkbook(withParticulars);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(sheet(workbook, 'Organisations').getCell('L2').value).toBe(
      'société coopérative et participative (SCOP)',
    );
    const read = validateScenario((await readScenarioWorkbook(buffer)).input);
    expect(read.problems).toEqual([]);
    expect(read.scenario).toEqual(withParticulars);
  });

  it('offers a template that is a valid bid as it stands, with its help sheet', async () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const buffer = await scenarioTemplateWorkbook(now);
    const read = validateScenario((await readScenarioWorkbook(buffer)).input);
    expect(read.problems).toEqual([]);
    expect(read.scenario).toEqual(templateScenario(now));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(sheet(workbook, 'Cellules').getCell('B3').value).toBe('Montreuil (COM:93048)');
    expect(sheet(workbook, 'Aide').getCell('A2').value).toBe('Montants');
  });
});

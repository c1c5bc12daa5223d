import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  type ReportPeriodTotal,
  buildInsertionReport,
  contractPeriods,
  required,
} from '@cordage/domain';
import { ocdsAjv, validateOcdsPackage } from '../exports/ocds-package.validator';
import type { OcdsContractInput, ReportHeader } from './contract-report.model';
import { insertionWorkbook } from './insertion-report.writer';
import { ocdsContractPackage } from './ocds-contract-package';

const header: ReportHeader = {
  bidId: '0b6f2c3e-5a8d-4e1f-9c7b-2d4a6e8f0a1b',
  tender: {
    reference: 'CD93-2027-ENT',
    title: 'Entretien des collèges',
    buyer: { name: 'Département de la Seine-Saint-Denis', idScheme: 'SIREN', id: '229300017' },
  },
  mandataire: { legalName: 'Régie Alpha', idScheme: 'SIRET', idValue: '47360714636845' },
  generatedAt: '2027-03-02T09:00:00.000Z',
  timeZone: 'Europe/Paris',
};
const periods = contractPeriods({ startOn: '2026-09-01', durationMonths: 12, periodMonths: 1 });
const total = (member: string, period: number, realisedCents: number): ReportPeriodTotal => ({
  member,
  lot: 1,
  period,
  plannedHundredths: 10_000,
  plannedCents: 100_000,
  plannedInsertionHours: 10,
  realisedHours: 98.25,
  realisedCents,
  realisedInsertionHours: 9.5,
  insertionPeople: 2,
  declaredCells: 1,
});
const input: OcdsContractInput = {
  uriBase: 'https://cordage.example.org/',
  members: [
    { key: 'alpha', legalName: 'Régie Alpha', idScheme: 'SIRET', idValue: '47360714636845' },
    { key: 'beta', legalName: 'ESAT Beta', idScheme: 'SIRET', idValue: '12345678900017' },
  ],
  lots: [
    {
      lot: 1,
      title: 'Entretien',
      outcome: 'WON',
      awardedOn: '2026-07-15',
      awardedCents: 2_400_001,
      periods,
      planned: [
        { member: 'alpha', amountCents: 1_200_001, insertionHours: 120 },
        { member: 'beta', amountCents: 1_200_000, insertionHours: 80 },
      ],
    },
    {
      lot: 2,
      title: 'Espaces verts',
      outcome: 'LOST',
      awardedOn: '2026-07-15',
      awardedCents: null,
      periods: null,
      planned: [],
    },
  ],
  totals: [total('alpha', 1, 100_001), total('alpha', 2, 99_999), total('beta', 1, 50_000)],
};

interface Release {
  contracts: {
    plannedShares: unknown[];
    implementation: { transactions: { value: { amount: number }; period: number }[] };
  }[];
}

describe('the OCDS award, contract and implementation package', () => {
  const pkg = ocdsContractPackage(header, input) as { releases: Release[] };

  it('is valid against the OCDS 1.1.5 release package schema', () => {
    expect(validateOcdsPackage(pkg)).toEqual({ valid: true, errors: [] });
  });

  it('carries one transaction per member and declared period, adding up to the cent', () => {
    const [contract] = required(pkg.releases[0], 'the release').contracts;
    const transactions = required(contract, 'the contract').implementation.transactions;
    expect(transactions).toHaveLength(3);
    const cents = transactions.reduce((sum, t) => sum + Math.round(t.value.amount * 100), 0);
    expect(cents).toBe(250_000);
  });

  it('is valid against the cordage_execution extension (docs/ocds-extension)', () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(file, 'utf8')) as { definitions: Record<string, object> };
    const core = read(path.join(__dirname, '../exports/ocds-1.1.5/release-schema.json'));
    const extension = read(
      path.join(__dirname, '../../../../docs/ocds-extension/cordage_execution/release-schema.json'),
    );
    const definitions: Record<string, object> = { ...core.definitions };
    // Extensions are JSON merge patches: their properties join the core definition's.
    for (const [name, definition] of Object.entries(extension.definitions)) {
      const base = definitions[name] as { properties?: object } | undefined;
      const patch = definition as { properties?: object };
      definitions[name] = base
        ? { ...base, properties: { ...base.properties, ...patch.properties } }
        : definition;
    }
    const ajv = ocdsAjv();
    ajv.addSchema({ ...core, id: 'cordage-execution-release', definitions });
    const validate = ajv.compile({ $ref: 'cordage-execution-release#' });
    const release = required(pkg.releases[0], 'the release');
    expect(validate(release)).toBe(true);
    const broken = structuredClone(release);
    required(
      required(broken.contracts[0], 'a contract').implementation.transactions[0],
      'a transaction',
    ).period = 0;
    expect(validate(broken)).toBe(false);
  });
});

describe('the insertion workbook', () => {
  it('writes the lines, the subtotals and a total equal to their sum to the cent', async () => {
    const report = buildInsertionReport({
      lot: 1,
      lotTitle: 'Entretien',
      period: required(periods[0], 'period 1'),
      lines: [
        ['alpha', 'COM:93066', 33_333],
        ['alpha', 'COM:93008', 33_334],
        ['beta', 'COM:93066', 1],
      ].map(([member, territory, cents]) => ({
        member: String(member),
        lot: 1,
        territory: String(territory),
        period: 1,
        plannedHundredths: 1_000,
        plannedCents: 33_333,
        plannedInsertionHours: 3,
        realisedHours: 3.33,
        realisedCents: Number(cents),
        realisedInsertionHours: 0.01,
        insertionPeople: 1,
      })),
      memberName: (key) => key,
      territoryName: (code) => code,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await insertionWorkbook(report, header)) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    required(workbook.worksheets[0], 'the sheet').eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1)),
    );
    const last = required(rows.at(-1), 'the total');
    expect(last[0]).toBe('Total');
    expect(Math.round(Number(last[7]) * 100)).toBe(66_668);
    expect(Math.round(Number(last[4]) * 100)).toBe(3);
    expect(rows.filter((row) => String(row[0]).startsWith('Sous-total'))).toHaveLength(2);
  });
});

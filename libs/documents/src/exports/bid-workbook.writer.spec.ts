import type { BidDocumentModel } from '@cordage/domain';
import ExcelJS from 'exceljs';
import { exampleBidModel } from './bid-exports.fixture';
import {
  COMPUTED_AT_LABEL,
  DEADLINE_LABEL,
  EUROS_FORMAT,
  HOURS_FORMAT,
  WHOLE_HOURS_FORMAT,
  PERCENT_FORMAT,
  bidWorkbook,
  wallClockCellDate,
} from './bid-workbook.writer';
import { UNCOVERED_LABEL } from './bid-csv.writer';
import { at, required } from '@cordage/domain';

/** Whole hours without decimals, a fraction with two. */
const hoursFormat = (hours: number) =>
  Number.isInteger(hours) ? WHOLE_HOURS_FORMAT : HOURS_FORMAT;

/** A euro amount read from a cell, back to whole cents. */
const cents = (value: ExcelJS.CellValue) => Math.round((value as number) * 100);

describe('bidWorkbook', () => {
  let model: BidDocumentModel;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    model = await exampleBidModel();
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bidWorkbook(model)) as unknown as ArrayBuffer);
  });

  /** The rows under a sheet's frozen header, by their first cell. */
  function tableOf(name: string): Map<string, ExcelJS.Row> {
    const sheet = required(workbook.getWorksheet(name), `the sheet ${name}`);
    const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, number) => {
      if (number > headerRow) rows.set(row.getCell(1).text, row);
    });
    return rows;
  }

  it('has a summary and one sheet per lot, with Excel-compatible names', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Synthèse',
      ...model.lots.map((lot) => `Lot ${lot.number}`),
    ]);
  });

  it('splits every lot to the cent: the members and the uncovered part add up to the lot', () => {
    for (const lot of model.lots) {
      const rows = [...tableOf(`Lot ${lot.number}`).values()];
      const total = required(rows.pop(), 'the last row');
      expect(total.getCell(1).value).toBe('Total du lot');
      expect(rows).toHaveLength(lot.shares.length + (lot.uncovered ? 1 : 0));
      const sum = rows.reduce((cents_, row) => cents_ + cents(row.getCell(6).value), 0);
      expect(sum).toBe(cents(total.getCell(6).value));
      expect(cents(total.getCell(6).value)).toBe(lot.amountCents);
      expect(rows.map((row) => cents(row.getCell(6).value))).toEqual([
        ...lot.shares.map((share) => share.amountCents),
        ...(lot.uncovered ? [lot.uncovered.amountCents] : []),
      ]);
    }
  });

  it('gives the members’, lots’ and grand totals of the model to the cent', () => {
    const rows = tableOf('Synthèse');
    const labelOf = (party: BidDocumentModel['parties'][number]) =>
      party.isMandataire ? `${party.legalName} (mandataire)` : party.legalName;
    let members = 0;
    for (const party of model.parties) {
      const amount = cents(
        required(rows.get(labelOf(party)), 'the row of the party').getCell(4).value,
      );
      expect(amount).toBe(party.amountCents);
      members += amount;
    }
    for (const lot of model.lots) {
      const row = required(
        rows.get(`Lot ${lot.number} – ${lot.title}`),
        `the row of lot ${lot.number}`,
      );
      expect(cents(row.getCell(4).value)).toBe(lot.amountCents);
    }
    const total = required(
      rows.get('Total de la consultation'),
      `the row 'Total de la consultation'`,
    );
    expect(cents(total.getCell(4).value)).toBe(model.totals.amountCents);
    expect(members + model.totals.uncoveredCents).toBe(cents(total.getCell(4).value));
  });

  it('writes hours, amounts and shares as numbers in their formats, under a frozen French header', () => {
    const sheet = required(workbook.getWorksheet('Lot 1'), `the sheet 'Lot 1'`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'Cotraitant (raison sociale)',
      'Identifiant',
      'Nature des prestations',
      'Territoires',
      'Heures',
      'Montant HT',
      'Part du lot',
      'Heures d’insertion',
    ]);
    const share = at(at(model.lots, 0).shares, 0);
    const row = sheet.getRow(3);
    expect(row.getCell(1).value).toBe(share.legalName);
    expect(row.getCell(5)).toMatchObject({ value: share.hours, numFmt: hoursFormat(share.hours) });
    expect(row.getCell(6)).toMatchObject({ value: share.amountCents / 100, numFmt: EUROS_FORMAT });
    expect(row.getCell(7)).toMatchObject({
      value: share.sharePermille / 1000,
      numFmt: PERCENT_FORMAT,
    });
    expect(row.getCell(8)).toMatchObject({
      value: share.insertionHours,
      numFmt: hoursFormat(share.insertionHours),
    });
    expect(HOURS_FORMAT).toBe('#,##0.00 "h"');
    expect(WHOLE_HOURS_FORMAT).toBe('#,##0 "h"');
    expect(PERCENT_FORMAT).toBe('0.00%');
  });

  it('gives each lot’s uncovered part its hours, amount, share and insertion hours', () => {
    for (const lot of model.lots.filter((candidate) => candidate.uncovered)) {
      const uncovered = required(lot.uncovered, 'the uncovered part');
      const row = required(
        tableOf(`Lot ${lot.number}`).get(UNCOVERED_LABEL),
        `the uncovered row of lot ${lot.number}`,
      );
      expect(row.getCell(5).value).toBe(uncovered.hours);
      expect(cents(row.getCell(6).value)).toBe(uncovered.amountCents);
      expect(row.getCell(7).value).toBeCloseTo(uncovered.amountCents / lot.amountCents, 5);
      expect(row.getCell(8).value).toBe(uncovered.insertionHours);
    }
    const summary = required(
      tableOf('Synthèse').get(`${UNCOVERED_LABEL} (tous lots)`),
      'the uncovered line of the summary',
    );
    expect(cents(summary.getCell(4).value)).toBe(model.totals.uncoveredCents);
  });

  it('writes dates as date cells on the buyer’s clock, not shifted to UTC', () => {
    const sheet = required(workbook.getWorksheet('Synthèse'), 'the summary');
    const byLabel = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row) => byLabel.set(row.getCell(1).text, row.getCell(2)));
    const deadline = required(byLabel.get(DEADLINE_LABEL), 'the deadline');
    // The example's deadline is noon in Paris: the cell says 12:00, whatever the server's zone.
    const year = Number(model.tender.deadline.slice(0, 4));
    expect(deadline.value).toEqual(new Date(Date.UTC(year, 0, 15, 12, 0)));
    expect(deadline.numFmt).toBe('dd/mm/yyyy hh:mm');
    const computedAt = required(byLabel.get(COMPUTED_AT_LABEL), 'the computation date');
    expect(computedAt.value).toEqual(new Date('2026-11-26T11:00:00.000Z'));
    expect(computedAt.numFmt).toBe('dd/mm/yyyy hh:mm');
  });

  it('reads the wall clock in Brussels and across a change of hour', () => {
    expect(wallClockCellDate('2027-07-15T10:00:00Z', 'Europe/Brussels')).toEqual(
      new Date('2027-07-15T12:00:00.000Z'),
    );
    expect(wallClockCellDate('2027-01-15T12:00:00+01:00', 'Europe/Paris')).toEqual(
      new Date('2027-01-15T12:00:00.000Z'),
    );
  });
});

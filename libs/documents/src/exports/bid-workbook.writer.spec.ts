import type { BidDocumentModel } from '@cordage/domain';
import ExcelJS from 'exceljs';
import { exampleBidModel } from './bid-exports.fixture';
import { bidWorkbook } from './bid-workbook.writer';
import { required } from '@cordage/domain';

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

  it('writes amounts as numbers in a euro format, under a frozen French header', () => {
    const sheet = required(workbook.getWorksheet('Lot 1'), `the sheet 'Lot 1'`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(2).getCell(6).value).toBe('Montant HT');
    const amount = sheet.getRow(3).getCell(6);
    expect(typeof amount.value).toBe('number');
    expect(amount.numFmt).toBe('#,##0.00 "€"');
  });
});

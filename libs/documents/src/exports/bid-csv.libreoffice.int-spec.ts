// The CSV files as a spreadsheet opens them: LibreOffice Calc, headless, with a French or an
// English user's settings. What Calc reads is saved as XLSX and compared with the model.
import type ExcelJS from 'exceljs';
import { type BidDocumentModel, at, required } from '@cordage/domain';
import { openCsvInLibreOffice } from '@cordage/testing';
import { exampleBidModel } from './bid-exports.fixture';
import {
  BID_CSV_HEADERS,
  BID_ISO_CSV_COLUMNS,
  UNCOVERED_LABEL,
  UNCOVERED_MEMBER,
  bidCsv,
  bidIsoCsv,
} from './bid-csv.writer';

/** The rows of the first sheet, as Calc typed each cell, keyed by the header's names. */
function rowsOf(workbook: ExcelJS.Workbook, headers: readonly string[]) {
  const sheet = at(workbook.worksheets, 0);
  expect(headers.map((_, i) => sheet.getRow(1).getCell(i + 1).value)).toEqual([...headers]);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((name, i) => [name, row.getCell(i + 1).value])));
  });
  return rows;
}

/** Every member's share of every lot, then the lot's uncovered part, as the files list them. */
function expectedLines(model: BidDocumentModel) {
  return model.lots.flatMap((lot) => [
    ...lot.shares.map((share) => ({ ...share, documentLot: lot })),
    ...(lot.uncovered
      ? [{ ...lot.uncovered, legalName: UNCOVERED_LABEL, org: UNCOVERED_MEMBER, documentLot: lot }]
      : []),
  ]);
}

describe('the CSV files opened in LibreOffice Calc', () => {
  let model: BidDocumentModel;
  beforeAll(async () => {
    model = await exampleBidModel();
  });

  it('reads the CSV for people with a French user’s settings: accents, numbers, dates, identifiers', async () => {
    const rows = rowsOf(
      await openCsvInLibreOffice(bidCsv(model), { separator: ';', language: 'fr-FR' }),
      BID_CSV_HEADERS,
    );
    const expected = expectedLines(model);
    expect(rows).toHaveLength(expected.length);
    expected.forEach((line, i) => {
      const row = at(rows, i);
      expect(row['Raison sociale']).toBe(line.legalName);
      expect(row['Intitulé du lot']).toBe(line.documentLot.title);
      expect(row.Territoires).toBe(line.territories.join(', '));
      // Numbers, not text: Calc read the decimal commas.
      expect(row.Lot).toBe(line.documentLot.number);
      expect(row.Heures).toBe(line.hours);
      expect(Math.round((row['Montant HT (€)'] as number) * 100)).toBe(line.amountCents);
      expect(typeof row['Part du lot (%)']).toBe('number');
      expect(row['Heures d’insertion']).toBe(line.insertionHours);
      // The version's date on the buyer's clock (11:00 in Paris), read as a date.
      expect(row['Calculée le']).toEqual(new Date('2026-11-26T11:00:00.000Z'));
    });
    const party = at(model.parties, 0);
    const partyRow = required(
      rows.find((row) => row['Raison sociale'] === party.legalName),
      'the first party’s row',
    );
    // Kept as text, whole: not 4,74E+13.
    expect(partyRow.Identifiant).toBe(party.identifier);
    expect(rows.map((row) => row['Raison sociale'])).toContain("Rénov'Plaine");
  });

  it('reads the CSV for programs with an English user’s settings: accents, decimal points, ISO dates', async () => {
    const rows = rowsOf(
      await openCsvInLibreOffice(bidIsoCsv(model), { separator: ',', language: 'en-US' }),
      BID_ISO_CSV_COLUMNS,
    );
    const expected = expectedLines(model);
    expect(rows).toHaveLength(expected.length);
    expected.forEach((line, i) => {
      const row = at(rows, i);
      expect(row.legal_name).toBe(line.legalName);
      expect(row.member).toBe(line.org);
      expect(row.hours).toBe(line.hours);
      expect(row.amount_cents).toBe(line.amountCents);
      expect(Math.round((row.amount_eur as number) * 100)).toBe(line.amountCents);
      expect(row.insertion_hours).toBe(line.insertionHours);
      // With its offset, the instant stays exactly as written.
      expect(row.computed_at).toBe('2026-11-26T11:00:00+01:00');
    });
  });
});

import { type BidDocumentModel, at } from '@cordage/domain';
import { exampleBidModel } from './bid-exports.fixture';
import { BID_CSV_COLUMNS, UNCOVERED_MEMBER, bidCsv } from './bid-csv.writer';

/** RFC 4180 fields: enough of a parser to read back what bidCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') field += text[++i];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      rows.push([...row, field.replace(/\r$/, '')]);
      row = [];
      field = '';
    } else field += char;
  }
  return rows;
}

type CsvRecord = Record<(typeof BID_CSV_COLUMNS)[number], string>;

describe('bidCsv', () => {
  let model: BidDocumentModel;
  let records: CsvRecord[];
  let csv: string;
  beforeAll(async () => {
    model = await exampleBidModel();
    csv = bidCsv(model);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([...BID_CSV_COLUMNS]);
    // Every column is there (the header was just checked), so each record has every key.
    records = rows.map(
      (row) =>
        Object.fromEntries(BID_CSV_COLUMNS.map((name, i) => [name, at(row, i)])) as CsvRecord,
    );
  });

  it('starts with a UTF-8 byte-order mark so that Excel reads the accents', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Rénov');
  });

  it('adds up to each lot’s amount to the cent, in cents and in euros', () => {
    for (const lot of model.lots) {
      const rows = records.filter((record) => record.lot === String(lot.number));
      expect(rows).toHaveLength(lot.shares.length + (lot.uncovered ? 1 : 0));
      const cents = rows.reduce((sum, record) => sum + Number(record.amount_cents), 0);
      expect(cents).toBe(lot.amountCents);
      const fromEuros = rows.reduce(
        (sum, record) => sum + Number(record.amount_eur.replace('.', '')),
        0,
      );
      expect(fromEuros).toBe(lot.amountCents);
    }
  });

  it('writes euros with a decimal point and exactly two decimals', () => {
    for (const record of records) {
      expect(record.amount_eur).toMatch(/^\d+\.\d{2}$/);
      expect(record.amount_eur.replace('.', '')).toBe(record.amount_cents.padStart(3, '0'));
    }
    const uncovered = model.lots.filter((lot) => lot.uncovered).length;
    expect(records.filter((record) => record.member === UNCOVERED_MEMBER)).toHaveLength(uncovered);
  });
});

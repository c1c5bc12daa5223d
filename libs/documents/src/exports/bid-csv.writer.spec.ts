import { type BidDocumentModel, at, required } from '@cordage/domain';
import { exampleBidModel } from './bid-exports.fixture';
import {
  BID_CSV_HEADERS,
  BID_ISO_CSV_COLUMNS,
  UNCOVERED_LABEL,
  UNCOVERED_MEMBER,
  bidCsv,
  bidIsoCsv,
  permilleToPercentHundredths,
  spreadsheetSafeText,
} from './bid-csv.writer';

/** RFC 4180 fields with the given separator: enough of a parser to read back what is written. */
function parseCsv(text: string, delimiter: string): string[][] {
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
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  expect(field).toBe(''); // the file ends with a line end
  return rows;
}

/** The rows as records keyed by the header's names, the header checked first. */
function recordsOf(text: string, delimiter: string, headers: readonly string[]) {
  const [header, ...rows] = parseCsv(text, delimiter);
  expect(header).toEqual([...headers]);
  return rows.map((row) => {
    expect(row).toHaveLength(headers.length);
    return Object.fromEntries(headers.map((name, i) => [name, at(row, i)]));
  });
}

/** "1234,56" -> 123456, by string arithmetic. */
const frenchCents = (text: string | undefined) => {
  expect(text).toMatch(/^\d+,\d{2}$/);
  return Number(String(text).replace(',', ''));
};

describe('bidCsv, for people', () => {
  let model: BidDocumentModel;
  let csv: string;
  let records: Record<string, string>[];
  beforeAll(async () => {
    model = await exampleBidModel();
    csv = bidCsv(model);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    records = recordsOf(csv.slice(1), ';', BID_CSV_HEADERS);
  });

  it('starts with a UTF-8 byte-order mark, separates with semicolons and ends lines with CRLF', () => {
    expect(csv.startsWith('\uFEFFConsultation;Version de la répartition;Calculée le;Lot;')).toBe(
      true,
    );
    expect(csv).toContain('Rénov');
    expect(
      csv.split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);
  });

  it('adds up to each lot’s amount to the cent, written with a decimal comma', () => {
    for (const lot of model.lots) {
      const rows = records.filter((record) => record.Lot === String(lot.number));
      expect(rows).toHaveLength(lot.shares.length + (lot.uncovered ? 1 : 0));
      const cents = rows.reduce((sum, record) => sum + frenchCents(record['Montant HT (€)']), 0);
      expect(cents).toBe(lot.amountCents);
    }
  });

  it('writes hours and shares with a decimal comma, shares in percent with two decimals', () => {
    for (const record of records) {
      expect(record.Heures).toMatch(/^\d+(,\d{1,2})?$/);
      expect(record['Part du lot (%)']).toMatch(/^\d{1,3},\d{2}$/);
      expect(record['Heures d’insertion']).toMatch(/^\d+(,\d{1,2})?$/);
    }
    const share = at(at(model.lots, 0).shares, 0);
    const row = required(
      records.find((record) => record['Raison sociale'] === share.legalName && record.Lot === '1'),
      'the first share of lot 1',
    );
    expect(row.Heures).toBe(String(share.hours).replace('.', ','));
    expect(row['Part du lot (%)']).toBe(
      (permilleToPercentHundredths(share.sharePermille) / 100).toFixed(2).replace('.', ','),
    );
  });

  it('writes identifiers as people read them, so that no spreadsheet turns them into numbers', () => {
    for (const party of model.parties) {
      const row = required(
        records.find((record) => record['Raison sociale'] === party.legalName),
        `the row of ${party.legalName}`,
      );
      expect(row.Identifiant).toBe(party.identifier);
      expect(row.Identifiant).toMatch(/^SIRET \d{3} \d{3} \d{3} \d{5}$/);
    }
  });

  it('gives the territories’ qualified codes beside their names', () => {
    const share = at(at(model.lots, 0).shares, 0);
    const row = required(
      records.find((record) => record['Raison sociale'] === share.legalName && record.Lot === '1'),
      'the first share of lot 1',
    );
    expect(row['Codes des territoires']).toBe(share.places.map((place) => place.code).join(', '));
    expect(row['Codes des territoires']).toMatch(/^COM:\d{5}/);
  });

  it('has one line per lot for the part nobody covers, with its hours, amount and insertion hours', () => {
    const uncoveredLots = model.lots.filter((lot) => lot.uncovered);
    expect(uncoveredLots.length).toBeGreaterThan(0);
    for (const lot of uncoveredLots) {
      const uncovered = required(lot.uncovered, 'the uncovered part');
      const row = required(
        records.find(
          (record) =>
            record.Lot === String(lot.number) && record['Raison sociale'] === UNCOVERED_LABEL,
        ),
        `the uncovered row of lot ${lot.number}`,
      );
      expect(frenchCents(row['Montant HT (€)'])).toBe(uncovered.amountCents);
      expect(row.Heures).toBe(String(uncovered.hours).replace('.', ','));
      expect(row['Heures d’insertion']).toBe(String(uncovered.insertionHours));
      expect(row.Identifiant).toBe('');
    }
  });

  it('dates the version on the buyer’s clock, as a French spreadsheet reads a date', () => {
    // The fixture's version was computed at 10:00 UTC, 11:00 in Paris.
    expect(new Set(records.map((record) => record['Calculée le']))).toEqual(
      new Set(['26/11/2026 11:00']),
    );
  });
});

describe('bidIsoCsv, for programs', () => {
  let model: BidDocumentModel;
  let csv: string;
  let records: Record<string, string>[];
  beforeAll(async () => {
    model = await exampleBidModel();
    csv = bidIsoCsv(model);
    records = recordsOf(csv, ',', BID_ISO_CSV_COLUMNS);
  });

  it('has English names, commas, decimal points, ISO dates and no byte-order mark', () => {
    expect(csv.startsWith('tender_reference,allocation_version,computed_at,lot,')).toBe(true);
    for (const record of records) {
      expect(record.computed_at).toBe('2026-11-26T11:00:00+01:00');
      expect(record.amount_eur).toMatch(/^\d+\.\d{2}$/);
      expect(String(record.amount_eur).replace('.', '')).toBe(
        String(record.amount_cents).padStart(3, '0'),
      );
      expect(record.hours).toMatch(/^\d+(\.\d{1,2})?$/);
    }
  });

  it('adds up to each lot’s amount to the cent, members and uncovered part', () => {
    for (const lot of model.lots) {
      const rows = records.filter((record) => record.lot === String(lot.number));
      expect(rows.reduce((sum, record) => sum + Number(record.amount_cents), 0)).toBe(
        lot.amountCents,
      );
    }
    const uncovered = model.lots.filter((lot) => lot.uncovered).length;
    expect(records.filter((record) => record.member === UNCOVERED_MEMBER)).toHaveLength(uncovered);
  });

  it('gives bare identifiers with their scheme and the territories’ codes', () => {
    const party = at(model.parties, 0);
    const row = required(
      records.find((record) => record.member === party.key),
      'a row of the first party',
    );
    expect(row).toMatchObject({ id_scheme: 'SIRET', id: party.idValue });
    expect(row.territory_codes).toMatch(/^COM:\d{5}( COM:\d{5})*$/);
  });
});

describe('spreadsheetSafeText', () => {
  it('keeps what a spreadsheet would run as a formula as text', () => {
    expect(spreadsheetSafeText('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(spreadsheetSafeText('+33 1 23')).toBe("'+33 1 23");
    expect(spreadsheetSafeText('-2+3')).toBe("'-2+3");
    expect(spreadsheetSafeText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafeText('\tcmd')).toBe("'\tcmd");
    expect(spreadsheetSafeText('Rénov’Plaine')).toBe('Rénov’Plaine');
    expect(spreadsheetSafeText('a=b')).toBe('a=b');
  });

  it('guards every text cell of both files', async () => {
    const model = structuredClone(await exampleBidModel());
    const share = at(at(model.lots, 0).shares, 0);
    share.legalName = '=1+1';
    for (const party of model.parties) if (party.key === share.org) party.legalName = '=1+1';
    at(model.lots, 0).title = '@lot';
    expect(bidCsv(model)).toContain(";'@lot;'=1+1;");
    expect(bidIsoCsv(model)).toContain(",'@lot,");
    expect(bidIsoCsv(model)).toContain(",'=1+1,");
    expect(bidCsv(model)).not.toMatch(/;[=@]/);
  });
});

describe('permilleToPercentHundredths', () => {
  it('rounds a share in permille with two decimals to a percent with two decimals', () => {
    expect(permilleToPercentHundredths(123.45)).toBe(1235);
    expect(permilleToPercentHundredths(123.44)).toBe(1234);
    expect(permilleToPercentHundredths(1000)).toBe(10000);
    expect(permilleToPercentHundredths(0.04)).toBe(0);
  });
});

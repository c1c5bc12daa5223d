import {
  type BidDocumentModel,
  type DocumentLot,
  type DocumentPlace,
  toZonedIso,
  wallClock,
} from '@cordage/domain';
import { stringify } from 'csv-stringify/sync';
import { centsToDecimalText } from './euro-amounts.format';

/**
 * The split as two CSV files (docs/exports.md):
 * - `bidCsv`, for people: what a French Excel opens right with a double click. It reads a CSV as
 *   UTF-8 only after a byte-order mark (without it « Rénov'Plaine » shows as « RÃ©nov'Plaine »),
 *   splits columns on the list separator of the French settings, `;`, and reads « 1234,56 » as a
 *   number. Identifiers are written as people read them (« SIRET 473 607 146 36845 »), so that
 *   Excel keeps them as text instead of turning them into 4,74E+13.
 * - `bidIsoCsv`, for programs: UTF-8 without a byte-order mark, English column names, `,` between
 *   fields, `.` in numbers, ISO 8601 dates, bare identifiers and the territories' qualified codes.
 * Both have CRLF line ends and one row per member's share of a lot, then one for the part of the
 * lot nobody covers.
 */
const UTF8_BOM = '\uFEFF';

/** Member key of the part of a lot that no member covers, in the file for programs. */
export const UNCOVERED_MEMBER = 'NON_COUVERT';
export const UNCOVERED_LABEL = 'Part non couverte';

/** One row of either file, before it is written out. */
interface SplitRow {
  lot: DocumentLot;
  member: string;
  legalName: string;
  idScheme: string;
  idValue: string;
  /** As people read it: "SIRET 473 607 146 36845". */
  identifier: string;
  places: DocumentPlace[];
  hours: number;
  amountCents: number;
  /** Of the lot's hours and amount, in permille with two decimals. */
  sharePermille: number;
  insertionHours: number;
}

/** The part of the lot no member covers, as a row like a member's: hours, amount, insertion hours. */
function uncoveredRow(lot: DocumentLot): SplitRow | null {
  const { uncovered } = lot;
  if (!uncovered) return null;
  return {
    lot,
    member: UNCOVERED_MEMBER,
    legalName: UNCOVERED_LABEL,
    idScheme: '',
    idValue: '',
    identifier: '',
    places: uncovered.places,
    hours: uncovered.hours,
    amountCents: uncovered.amountCents,
    sharePermille: uncoveredSharePermille(lot),
    insertionHours: uncovered.insertionHours,
  };
}

/** The uncovered part's share of the lot, in permille with two decimals, like a member's. */
export function uncoveredSharePermille(lot: DocumentLot): number {
  if (!lot.uncovered || lot.amountCents === 0) return 0;
  return Math.round((lot.uncovered.amountCents * 100_000) / lot.amountCents) / 100;
}

function splitRows(model: BidDocumentModel): SplitRow[] {
  const parties = new Map(model.parties.map((party) => [party.key, party]));
  return model.lots.flatMap((lot) => {
    const rows: SplitRow[] = lot.shares.map((share) => {
      const party = parties.get(share.org);
      return {
        lot,
        member: share.org,
        legalName: share.legalName,
        idScheme: party?.idScheme ?? '',
        idValue: party?.idValue ?? '',
        identifier: party?.identifier ?? '',
        places: share.places,
        hours: share.hours,
        amountCents: share.amountCents,
        sharePermille: share.sharePermille,
        insertionHours: share.insertionHours,
      };
    });
    const uncovered = uncoveredRow(lot);
    return uncovered ? [...rows, uncovered] : rows;
  });
}

/**
 * A text cell that begins with = + - or @ is a formula to a spreadsheet (CSV injection, OWASP):
 * a leading apostrophe keeps it text. Tab and carriage return are refused the same way.
 */
export function spreadsheetSafeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

interface CsvColumn {
  header: string;
  value: (row: SplitRow, model: BidDocumentModel) => string | number;
}

/** Every text cell is guarded: the numbers written as text never begin with a sign. */
function writeCsv(
  model: BidDocumentModel,
  columns: readonly CsvColumn[],
  format: { delimiter: ';' | ','; bom: string },
): string {
  const records = splitRows(model).map((row) =>
    columns.map((column) => {
      const value = column.value(row, model);
      return typeof value === 'string' ? spreadsheetSafeText(value) : value;
    }),
  );
  return (
    format.bom +
    stringify(records, {
      header: true,
      columns: columns.map((column) => column.header),
      delimiter: format.delimiter,
      record_delimiter: 'windows',
      eof: true,
    })
  );
}

/** 1234.5 -> "1234,5": a decimal comma and no thousands separator, which Excel would keep as text. */
function frenchDecimal(value: number, decimals: { min: number; max: number }): string {
  return value
    .toLocaleString('en-US', {
      minimumFractionDigits: decimals.min,
      maximumFractionDigits: decimals.max,
      useGrouping: false,
    })
    .replace('.', ',');
}

/** Permille with two decimals -> percent with two decimals, rounded by integer arithmetic. */
export function permilleToPercentHundredths(permille: number): number {
  return Math.round(Math.round(permille * 100) / 10);
}

const frenchPercent = (permille: number) =>
  frenchDecimal(permilleToPercentHundredths(permille) / 100, { min: 2, max: 2 });

/** "26/11/2026 11:00" on the buyer's clock: how a French spreadsheet reads a date and a time. */
function frenchDateTime(iso: string, model: BidDocumentModel): string {
  const { year, month, day, hour, minute } = wallClock(iso, model.timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(day)}/${two(month)}/${year} ${two(hour)}:${two(minute)}`;
}

const placeNames = (places: readonly DocumentPlace[]) =>
  places.map((place) => place.name).join(', ');
const placeCodes = (places: readonly DocumentPlace[], separator: string) =>
  places.map((place) => place.code).join(separator);

const FRENCH_COLUMNS: readonly CsvColumn[] = [
  { header: 'Consultation', value: (_, model) => model.tender.reference },
  {
    header: 'Version de la répartition',
    value: (_, model) => model.allocation.versionNumber,
  },
  {
    header: 'Calculée le',
    value: (_, model) => frenchDateTime(model.allocation.computedAt, model),
  },
  { header: 'Lot', value: (row) => row.lot.number },
  { header: 'Intitulé du lot', value: (row) => row.lot.title },
  { header: 'Raison sociale', value: (row) => row.legalName },
  { header: 'Identifiant', value: (row) => row.identifier },
  { header: 'Territoires', value: (row) => placeNames(row.places) },
  { header: 'Codes des territoires', value: (row) => placeCodes(row.places, ', ') },
  { header: 'Heures', value: (row) => frenchDecimal(row.hours, { min: 0, max: 2 }) },
  {
    header: 'Montant HT (€)',
    value: (row) => centsToDecimalText(row.amountCents).replace('.', ','),
  },
  { header: 'Part du lot (%)', value: (row) => frenchPercent(row.sharePermille) },
  {
    header: 'Heures d’insertion',
    value: (row) => frenchDecimal(row.insertionHours, { min: 0, max: 2 }),
  },
];

export const BID_CSV_HEADERS: readonly string[] = FRENCH_COLUMNS.map((column) => column.header);

/** For people: opens right in a French Excel or LibreOffice with a double click. */
export function bidCsv(model: BidDocumentModel): string {
  return writeCsv(model, FRENCH_COLUMNS, { delimiter: ';', bom: UTF8_BOM });
}

export const BID_ISO_CSV_COLUMNS = [
  'tender_reference',
  'allocation_version',
  'computed_at',
  'lot',
  'lot_title',
  'member',
  'legal_name',
  'id_scheme',
  'id',
  'territories',
  'territory_codes',
  'hours',
  'amount_cents',
  'amount_eur',
  'share_permille',
  'insertion_hours',
] as const;

const ISO_VALUES: Record<(typeof BID_ISO_CSV_COLUMNS)[number], CsvColumn['value']> = {
  tender_reference: (_, model) => model.tender.reference,
  allocation_version: (_, model) => model.allocation.versionNumber,
  computed_at: (_, model) => toZonedIso(model.allocation.computedAt, model.timeZone),
  lot: (row) => row.lot.number,
  lot_title: (row) => row.lot.title,
  member: (row) => row.member,
  legal_name: (row) => row.legalName,
  id_scheme: (row) => row.idScheme,
  id: (row) => row.idValue,
  territories: (row) => row.places.map((place) => place.name).join(' | '),
  territory_codes: (row) => placeCodes(row.places, ' '),
  hours: (row) => row.hours,
  amount_cents: (row) => row.amountCents,
  amount_eur: (row) => centsToDecimalText(row.amountCents),
  share_permille: (row) => row.sharePermille,
  insertion_hours: (row) => row.insertionHours,
};

const ISO_COLUMNS: readonly CsvColumn[] = BID_ISO_CSV_COLUMNS.map((header) => ({
  header,
  value: ISO_VALUES[header],
}));

/** For programs: English names, `,` between fields, `.` in numbers, ISO 8601 dates. */
export function bidIsoCsv(model: BidDocumentModel): string {
  return writeCsv(model, ISO_COLUMNS, { delimiter: ',', bom: '' });
}

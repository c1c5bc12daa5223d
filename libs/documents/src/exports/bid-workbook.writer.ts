import {
  type BidDocumentModel,
  type DocumentLot,
  type ProcurementTimeZone,
  SHARE_PERCENT_NUMBER_FORMAT,
  wallClock,
} from '@cordage/domain';
import ExcelJS from 'exceljs';
import { UNCOVERED_LABEL, uncoveredSharePermille } from './bid-csv.writer';
import { centsToEuros } from './euro-amounts.format';

/**
 * Format codes are stored in Excel's invariant syntax and shown with the reader's separators:
 * a French Excel displays `#,##0.00 "€"` as « 1 234,56 € » and `0.00%` as « 11,54 % ».
 */
export const EUROS_FORMAT = '#,##0.00 "€"';
export const HOURS_FORMAT = '#,##0.00 "h"';
/** People count whole hours: « 1 200 h », two decimals only where there is a fraction. */
export const WHOLE_HOURS_FORMAT = '#,##0 "h"';
/** Shares as the web app and the PDF show them: a percent with two decimals. */
export const PERCENT_FORMAT = SHARE_PERCENT_NUMBER_FORMAT;
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/**
 * A spreadsheet's dates have no zone: a cell holds the day and the time a reader is to see. Excel
 * shows the buyer's wall-clock time (12:00 in Paris for a deadline at noon), so the cell gets the
 * clock's fields as they read in the buyer's zone, never the instant shifted to UTC. (ExcelJS
 * writes a Date's UTC fields as the cell's serial number.)
 */
export function wallClockCellDate(iso: string, zone: ProcurementTimeZone): Date {
  const { year, month, day, hour, minute } = wallClock(iso, zone);
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

/** Excel refuses longer sheet names and these characters in them. */
const MAX_SHEET_NAME = 31;
function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, MAX_SHEET_NAME);
}

interface Column<Row> {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: Row) => string | number;
}

/** A line above a table: a label, then a text or a date on the buyer's clock; or a blank line. */
type HeadingLine = readonly [label?: string, value?: string | Date];

/** One table per sheet: a title and a few lines about it, the frozen header line, the rows. */
function addTable<Row>(
  sheet: ExcelJS.Worksheet,
  [title, ...about]: readonly [title: string, ...about: HeadingLine[]],
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): void {
  sheet.columns = columns.map((column) => ({
    width: column.width,
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  sheet.addRow([title]).font = { bold: true, size: 12 };
  for (const line of about) {
    const row = sheet.addRow([...line]);
    // The label column is a table's text column: a date beside it keeps its own format.
    if (line[1] instanceof Date) row.getCell(2).numFmt = DATE_TIME_FORMAT;
  }
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const row of rows) {
    const values = columns.map((column) => column.value(row));
    const added = sheet.addRow(values);
    values.forEach((value, index) => {
      if (columns[index]?.numFmt === HOURS_FORMAT && Number.isInteger(value)) {
        added.getCell(index + 1).numFmt = WHOLE_HOURS_FORMAT;
      }
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
}

/** A line of a lot's ATTRI1 annex: a member's share, the part nobody covers, or the total. */
interface AnnexLine {
  legalName: string;
  identifier: string;
  nature: string;
  territories: string;
  hours: number;
  amountCents: number;
  sharePermille: number;
  insertionHours: number;
}

const ANNEX_COLUMNS: readonly Column<AnnexLine>[] = [
  { header: 'Cotraitant (raison sociale)', width: 36, value: (line) => line.legalName },
  { header: 'Identifiant', width: 26, value: (line) => line.identifier },
  { header: 'Nature des prestations', width: 44, value: (line) => line.nature },
  { header: 'Territoires', width: 44, value: (line) => line.territories },
  { header: 'Heures', width: 10, numFmt: HOURS_FORMAT, value: (line) => line.hours },
  {
    header: 'Montant HT',
    width: 18,
    numFmt: EUROS_FORMAT,
    value: (line) => centsToEuros(line.amountCents),
  },
  {
    header: 'Part du lot',
    width: 11,
    numFmt: PERCENT_FORMAT,
    value: (line) => line.sharePermille / 1000,
  },
  {
    header: 'Heures d’insertion',
    width: 12,
    numFmt: HOURS_FORMAT,
    value: (line) => line.insertionHours,
  },
];

/** The part of the lot no member covers, as a line like a member's, under the members. */
function uncoveredRow(lot: DocumentLot): AnnexLine | null {
  const { uncovered } = lot;
  if (!uncovered) return null;
  return {
    legalName: UNCOVERED_LABEL,
    identifier: '',
    nature: '',
    territories: uncovered.territories.join(', '),
    hours: uncovered.hours,
    amountCents: uncovered.amountCents,
    sharePermille: uncoveredSharePermille(lot),
    insertionHours: uncovered.insertionHours,
  };
}

function annexLines(model: BidDocumentModel, lot: DocumentLot): AnnexLine[] {
  const identifiers = new Map(model.parties.map((party) => [party.key, party.identifier]));
  const lines: AnnexLine[] = lot.shares.map((share) => ({
    legalName: share.legalName,
    identifier: identifiers.get(share.org) ?? '',
    nature: share.nature,
    territories: share.territories.join(', '),
    hours: share.hours,
    amountCents: share.amountCents,
    sharePermille: share.sharePermille,
    insertionHours: share.insertionHours,
  }));
  const uncovered = uncoveredRow(lot);
  if (uncovered) lines.push(uncovered);
  lines.push({
    legalName: 'Total du lot',
    identifier: '',
    nature: '',
    territories: '',
    hours: lot.demandHours,
    amountCents: lot.amountCents,
    sharePermille: 1000,
    insertionHours: lot.insertionHours,
  });
  return lines;
}

/** A line of the summary: one member over every lot, one lot, or the grand total. */
interface SummaryLine {
  label: string;
  identifier: string;
  hours: number;
  amountCents: number;
  share: number | string;
  insertionHours: number;
}

const SUMMARY_COLUMNS: readonly Column<SummaryLine>[] = [
  { header: 'Membre ou lot', width: 40, value: (line) => line.label },
  { header: 'Identifiant', width: 26, value: (line) => line.identifier },
  { header: 'Heures', width: 10, numFmt: HOURS_FORMAT, value: (line) => line.hours },
  {
    header: 'Montant HT',
    width: 18,
    numFmt: EUROS_FORMAT,
    value: (line) => centsToEuros(line.amountCents),
  },
  { header: 'Part du groupement', width: 12, numFmt: PERCENT_FORMAT, value: (line) => line.share },
  {
    header: 'Heures d’insertion',
    width: 12,
    numFmt: HOURS_FORMAT,
    value: (line) => line.insertionHours,
  },
];

function summaryLines(model: BidDocumentModel): SummaryLine[] {
  const { totals } = model;
  const shareOfConsortium = (cents: number) =>
    totals.allocatedCents === 0 ? 0 : cents / totals.allocatedCents;
  return [
    ...model.parties.map((party) => ({
      label: party.isMandataire ? `${party.legalName} (mandataire)` : party.legalName,
      identifier: party.identifier,
      hours: party.hours,
      amountCents: party.amountCents,
      share: shareOfConsortium(party.amountCents),
      insertionHours: party.insertionHours,
    })),
    ...uncoveredSummary(model),
    ...model.lots.map((lot) => ({
      label: `Lot ${lot.number} – ${lot.title}`,
      identifier: '',
      hours: lot.demandHours,
      amountCents: lot.amountCents,
      share: '',
      insertionHours: lot.insertionHours,
    })),
    {
      label: 'Total de la consultation',
      identifier: '',
      hours: totals.demandHours,
      amountCents: totals.amountCents,
      share: '',
      insertionHours: totals.insertionHours,
    },
  ];
}

/** The work no member covers, over every lot: under the members, so that they add up to the total. */
function uncoveredSummary(model: BidDocumentModel): SummaryLine[] {
  const parts = model.lots.flatMap((lot) => (lot.uncovered ? [lot.uncovered] : []));
  if (parts.length === 0) return [];
  return [
    {
      label: `${UNCOVERED_LABEL} (tous lots)`,
      identifier: '',
      hours: Math.round(parts.reduce((sum, part) => sum + part.hours, 0) * 100) / 100,
      amountCents: model.totals.uncoveredCents,
      share: '',
      insertionHours: parts.reduce((sum, part) => sum + part.insertionHours, 0),
    },
  ];
}

export const DEADLINE_LABEL = 'Date limite de remise des offres';
export const COMPUTED_AT_LABEL = 'Répartition calculée le';

/** The key facts above the summary table; dates as dates, on the buyer's clock. */
function summaryHeading(model: BidDocumentModel): HeadingLine[] {
  const { tender, mandataire, timeZone } = model;
  return [
    ['Consultation', `${tender.reference} – ${tender.title}`],
    ['Acheteur', `${tender.buyer.name} (${tender.buyer.identifier})`],
    [DEADLINE_LABEL, wallClockCellDate(tender.deadline, timeZone)],
    ['Forme du groupement', model.consortium.formLabel],
    ['Mandataire', `${mandataire.legalName} (${mandataire.identifier})`],
    ['Répartition', `version ${model.allocation.versionNumber}`],
    [COMPUTED_AT_LABEL, wallClockCellDate(model.allocation.computedAt, timeZone)],
  ];
}

/**
 * The split as a workbook a coordinator pastes into the DC1 and ATTRI1 annexes: a summary, then
 * one sheet per lot. Values only (no formulas), so that what is read is what Cordage computed.
 */
export async function bidWorkbook(model: BidDocumentModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cordage';
  workbook.created = new Date(model.allocation.computedAt);
  workbook.modified = workbook.created;

  addTable(
    workbook.addWorksheet(sheetName('Synthèse')),
    ['Synthèse de la répartition', ...summaryHeading(model), []],
    SUMMARY_COLUMNS,
    summaryLines(model),
  );

  for (const lot of model.lots) {
    const sheet = workbook.addWorksheet(sheetName(`Lot ${lot.number}`));
    addTable(sheet, [`Lot ${lot.number} – ${lot.title}`], ANNEX_COLUMNS, annexLines(model, lot));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import {
  type BidDocumentModel,
  type DocumentLot,
  SHARE_PERCENT_NUMBER_FORMAT,
} from '@cordage/domain';
import ExcelJS from 'exceljs';
import { centsToEuros } from './euro-amounts.format';

/**
 * Format codes are stored in Excel's invariant syntax and shown with the reader's separators:
 * a French Excel displays `#,##0.00 "€"` as « 1 234,56 € ».
 */
const EUROS = '#,##0.00 "€"';
const HOURS = '#,##0.##';
const PERCENT = SHARE_PERCENT_NUMBER_FORMAT;

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

/** One table per sheet: a title and a few lines about it, the frozen header line, the rows. */
function addTable<Row>(
  sheet: ExcelJS.Worksheet,
  [title, ...about]: readonly [title: readonly string[], ...about: (readonly string[])[]],
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): void {
  sheet.columns = columns.map((column) => ({
    width: column.width,
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  sheet.addRow([...title]).font = { bold: true, size: 12 };
  for (const line of about) sheet.addRow([...line]);
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row)));
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
  { header: 'Heures', width: 10, numFmt: HOURS, value: (line) => line.hours },
  {
    header: 'Montant HT',
    width: 18,
    numFmt: EUROS,
    value: (line) => centsToEuros(line.amountCents),
  },
  {
    header: 'Part du lot',
    width: 11,
    numFmt: PERCENT,
    value: (line) => line.sharePermille / 1000,
  },
  { header: 'Heures d’insertion', width: 12, numFmt: HOURS, value: (line) => line.insertionHours },
];

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
  if (lot.uncovered) {
    lines.push({
      legalName: 'Part non couverte',
      identifier: '',
      nature: '',
      territories: lot.uncovered.territories.join(', '),
      hours: lot.uncovered.hours,
      amountCents: lot.uncovered.amountCents,
      sharePermille:
        lot.amountCents === 0 ? 0 : (lot.uncovered.amountCents * 1000) / lot.amountCents,
      insertionHours: 0,
    });
  }
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
  { header: 'Heures', width: 10, numFmt: HOURS, value: (line) => line.hours },
  {
    header: 'Montant HT',
    width: 18,
    numFmt: EUROS,
    value: (line) => centsToEuros(line.amountCents),
  },
  { header: 'Part du groupement', width: 12, numFmt: PERCENT, value: (line) => line.share },
  { header: 'Heures d’insertion', width: 12, numFmt: HOURS, value: (line) => line.insertionHours },
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

/** The key facts above the summary table. */
function summaryHeading(model: BidDocumentModel): [string, string][] {
  const { tender, mandataire } = model;
  return [
    ['Consultation', `${tender.reference} – ${tender.title}`],
    ['Acheteur', `${tender.buyer.name} (${tender.buyer.identifier})`],
    ['Forme du groupement', model.consortium.formLabel],
    ['Mandataire', `${mandataire.legalName} (${mandataire.identifier})`],
    [
      'Répartition',
      `version ${model.allocation.versionNumber} du ${model.allocation.computedAt.slice(0, 10)}`,
    ],
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
    [['Synthèse de la répartition'], ...summaryHeading(model), []],
    SUMMARY_COLUMNS,
    summaryLines(model),
  );

  for (const lot of model.lots) {
    const sheet = workbook.addWorksheet(sheetName(`Lot ${lot.number}`));
    addTable(sheet, [[`Lot ${lot.number} – ${lot.title}`]], ANNEX_COLUMNS, annexLines(model, lot));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

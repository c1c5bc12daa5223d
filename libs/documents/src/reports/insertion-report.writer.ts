import {
  type InsertionFigures,
  type InsertionReport,
  formatCount,
  formatEuros,
  formatHours,
  periodLastDay,
} from '@cordage/domain';
import ExcelJS from 'exceljs';
import { frenchDate } from '../convention/french-text.format';
import { DocumentLayout, type TableColumn, type TableRow } from '../convention/document.layout';
import { EUROS_FORMAT, HOURS_FORMAT } from '../exports/bid-workbook.writer';
import { centsToEuros } from '../exports/euro-amounts.format';
import type { ReportHeader } from './contract-report.model';

/**
 * The insertion report of one lot and period in the shape the social clause's facilitators
 * collect: one line per member and territory (insertion hours planned and realised, people in
 * insertion, hours worked, revenue), each member's subtotal, the total. Totals are the sums of
 * the lines, computed exactly by the model (hundredths of hours, cents).
 */
export const INSERTION_COLUMNS = [
  'Structure',
  'Territoire',
  'Code',
  'Heures d’insertion prévues',
  'Heures d’insertion réalisées',
  'Personnes en insertion',
  'Heures travaillées',
  'Chiffre d’affaires HT',
] as const;

const NOT_DECLARED = 'non déclaré';

function periodLabel(report: InsertionReport, header: ReportHeader): string {
  const { period } = report;
  return (
    `période ${period.number}, du ${frenchDate(`${period.startOn}T12:00:00Z`, header.timeZone)} ` +
    `au ${frenchDate(`${periodLastDay(period)}T12:00:00Z`, header.timeZone)}`
  );
}

export function insertionReportTitle(report: InsertionReport): string {
  return `Rapport d’insertion — lot ${report.lot}, période ${report.period.number}`;
}

/** The workbook: one sheet, the report's lines, subtotals and total as numbers. */
export async function insertionWorkbook(
  report: InsertionReport,
  header: ReportHeader,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cordage';
  workbook.created = new Date(header.generatedAt);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(`Lot ${report.lot} P${report.period.number}`);
  sheet.columns = [
    { width: 36 },
    { width: 30 },
    { width: 14 },
    { width: 14, style: { numFmt: HOURS_FORMAT } },
    { width: 14, style: { numFmt: HOURS_FORMAT } },
    { width: 12 },
    { width: 14, style: { numFmt: HOURS_FORMAT } },
    { width: 18, style: { numFmt: EUROS_FORMAT } },
  ];
  sheet.addRow([insertionReportTitle(report)]).font = { bold: true, size: 12 };
  sheet.addRow(['Marché', `${header.tender.reference} – ${header.tender.title}`]);
  sheet.addRow(['Acheteur', header.tender.buyer.name]);
  sheet.addRow(['Lot', `${report.lot} – ${report.lotTitle}`]);
  sheet.addRow(['Période', periodLabel(report, header)]);
  sheet.addRow([]);
  const head = sheet.addRow([...INSERTION_COLUMNS]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  const figures = (f: InsertionFigures) => [
    f.plannedInsertionHundredths / 100,
    f.realisedInsertionHundredths / 100,
    f.insertionPeople,
    f.hoursHundredths / 100,
    centsToEuros(f.revenueCents),
  ];
  for (const member of report.members) {
    for (const line of member.lines) {
      sheet.addRow([member.legalName, line.territoryName, line.territory, ...figures(line)]);
    }
    sheet.addRow([`Sous-total ${member.legalName}`, '', '', ...figures(member.total)]).font = {
      italic: true,
    };
  }
  sheet.addRow(['Total', '', '', ...figures(report.total)]).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: head.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const PDF_COLUMNS: TableColumn[] = [
  { header: 'Structure', weight: 24 },
  { header: 'Territoire', weight: 20 },
  { header: 'Insertion prévue', weight: 11, align: 'right' },
  { header: 'Insertion réalisée', weight: 11, align: 'right' },
  { header: 'Personnes', weight: 9, align: 'right' },
  { header: 'Heures', weight: 11, align: 'right' },
  { header: 'CA HT', weight: 14, align: 'right' },
];

const pdfFigures = (f: InsertionFigures) => [
  formatHours(f.plannedInsertionHundredths / 100),
  formatHours(f.realisedInsertionHundredths / 100),
  formatCount(f.insertionPeople),
  formatHours(f.hoursHundredths / 100),
  formatEuros(f.revenueCents),
];

/** The same report as a PDF/A, laid out as the convention is. */
export async function renderInsertionPdf(
  report: InsertionReport,
  header: ReportHeader,
): Promise<Buffer> {
  const title = insertionReportTitle(report);
  const layout = new DocumentLayout({
    title: `${title} — ${header.tender.reference}`,
    subject: header.tender.title,
    keywords: ['rapport d’insertion', 'clause sociale', header.tender.reference],
    createdAt: header.generatedAt,
    runningTitle: `${title} — ${header.tender.reference}`,
  });
  layout.heading(title, 1);
  layout.paragraphs([
    `Marché ${header.tender.reference} — ${header.tender.title}, acheteur ${header.tender.buyer.name}.`,
    `Lot ${report.lot} — ${report.lotTitle}, ${periodLabel(report, header)}.`,
    'Par structure et par territoire : heures d’insertion prévues par la répartition signée et ' +
      'réalisées, personnes en insertion comptées, heures travaillées et chiffre d’affaires ' +
      'facturé, tels que déclarés par chaque membre (chiffres en vigueur, corrections comprises).',
  ]);
  const rows: TableRow[] = [];
  for (const member of report.members) {
    for (const line of member.lines) {
      rows.push({
        cells: [member.legalName, `${line.territoryName} (${line.territory})`, ...pdfFigures(line)],
        style: line.declared ? 'body' : 'muted',
      });
    }
    rows.push({ cells: [`Sous-total ${member.legalName}`, '', ...pdfFigures(member.total)] });
  }
  rows.push({ cells: ['Total', '', ...pdfFigures(report.total)], style: 'total' });
  layout.table(PDF_COLUMNS, rows);
  const undeclared = report.members.flatMap((member) =>
    member.lines.filter((line) => !line.declared).map(() => member.legalName),
  );
  if (undeclared.length > 0) {
    layout.paragraphs(
      [
        `Lignes en gris : ${NOT_DECLARED} à la date du rapport (${[...new Set(undeclared)].join(', ')}).`,
      ],
      { italic: true, size: 8.5 },
    );
  }
  return layout.finish();
}

import { type InsertionReport, formatCount, formatEuros, formatHours } from '@cordage/domain';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/**
 * The baselines: what anyone would write first for the same insertion report. A bare ExcelJS sheet
 * with the same rows (no formats, no frozen header), and a bare pdfkit document drawing the same
 * rows with `doc.table()` in Helvetica (no PDF/A, no embedded font, no footers).
 */
function rowsOf(report: InsertionReport): string[][] {
  return report.members.flatMap((member) =>
    member.lines.map((line) => [
      member.legalName,
      line.territoryName,
      formatHours(line.plannedInsertionHundredths / 100),
      formatHours(line.realisedInsertionHundredths / 100),
      formatCount(line.insertionPeople),
      formatHours(line.hoursHundredths / 100),
      formatEuros(line.revenueCents),
    ]),
  );
}

export async function bareWorkbook(report: InsertionReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Rapport');
  for (const member of report.members) {
    for (const line of member.lines) {
      sheet.addRow([
        member.legalName,
        line.territoryName,
        line.plannedInsertionHundredths / 100,
        line.realisedInsertionHundredths / 100,
        line.insertionPeople,
        line.hoursHundredths / 100,
        line.revenueCents / 100,
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function barePdf(report: InsertionReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica').fontSize(8);
  doc.table({
    data: [
      ['Structure', 'Territoire', 'Prévues', 'Réalisées', 'Personnes', 'Heures', 'CA HT'],
      ...rowsOf(report),
    ],
  });
  doc.end();
  return done;
}

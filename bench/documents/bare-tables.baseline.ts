import {
  type BidDocumentModel,
  formatEuros,
  formatHours,
  formatSharePercent,
} from '@cordage/domain';
import PDFDocument from 'pdfkit';

/**
 * The baseline: a bare pdfkit document with annex A's tables (same rows, same columns, a page
 * per lot), drawn with `doc.table()` in Helvetica, without cover, contents, clauses, footers,
 * PDF/A or embedded font. What any pdfkit user would write first.
 */
export function renderBareTables(model: BidDocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica').fontSize(8);
  model.lots.forEach((lot, i) => {
    if (i > 0) doc.addPage();
    doc.fontSize(12).text(lot.title).moveDown(0.5).fontSize(8);
    doc.table({
      columnStyles: [2.2, 3.2, 1.3, 1.7, 1.1, 1.2].map((weight) => `${weight * 10}*`),
      data: [
        ['Membre', 'Territoires', 'Heures', 'Montant HT', 'Part', 'Heures d’insertion'],
        ...lot.shares.map((share) => [
          share.legalName,
          share.territories.join(', '),
          formatHours(share.hours),
          formatEuros(share.amountCents),
          formatSharePercent(share.sharePermille),
          formatHours(share.insertionHours),
        ]),
        ...(lot.uncovered
          ? [
              [
                'Part non couverte',
                lot.uncovered.territories.join(', '),
                formatHours(lot.uncovered.hours),
                formatEuros(lot.uncovered.amountCents),
                '',
                '',
              ],
            ]
          : []),
        [
          `Total du lot ${lot.number}`,
          '',
          formatHours(lot.demandHours),
          formatEuros(lot.amountCents),
          '',
          '',
        ],
      ],
    });
  });
  doc.end();
  return done;
}

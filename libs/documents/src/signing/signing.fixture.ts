import PDFDocument from 'pdfkit';
import { FONTS } from '../fonts';

/** A multi-page document frozen before signing, with French text in an embedded font. */
export function renderTestPdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  doc.font(FONTS.regular);
  for (let page = 1; page <= pages; page++) {
    if (page > 1) doc.addPage();
    doc.fontSize(14).text(`Convention de groupement — page ${page}`);
    doc
      .fontSize(10)
      .text('Les membres s’engagent à exécuter leur part des lots « à l’euro près ».');
  }
  doc.end();
  return done;
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { FONTS } from '../fonts';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const VERIFY_TOOL = path.resolve(
  REPO_ROOT,
  '..',
  'shared',
  'tools',
  'verify-pdf-signatures',
);

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

/** Runs the shared checker (pdfsig, qpdf, openssl); its absence fails the test, never skips it. */
export function verifyWithSharedTool(
  pdfPath: string,
  caPath: string,
  expect: number,
): { status: number | null; output: string } {
  if (!existsSync(VERIFY_TOOL)) {
    throw new Error(`The shared checker is missing: ${VERIFY_TOOL} (from /work/shared/tools).`);
  }
  const run = spawnSync(VERIFY_TOOL, [pdfPath, caPath, '--expect', String(expect)], {
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

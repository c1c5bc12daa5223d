import { createPrivateKey, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import {
  FONTS,
  type IssuedCertificate,
  createCertificateAuthority,
  issueSignerCertificate,
  readPdfSignatures,
  signPdf,
} from '@cordage/documents';

const MEMBERS = 30;
const PAGES = 20;
const RUNS = 5;
/** Rows per lot table: with uncompressed content streams, about 300 KB in all. */
const ROWS = 30;

/** A 20-lot-like document: one page of table per lot, about 300 KB. */
function renderLots(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 36, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  for (let lot = 1; lot <= PAGES; lot++) {
    if (lot > 1) doc.addPage();
    doc.font(FONTS.bold).fontSize(12).text(`Lot ${lot} — répartition entre les membres`);
    doc.font(FONTS.condensed).fontSize(8);
    for (let row = 0; row < ROWS; row++) {
      const y = 70 + row * 15;
      const cells = [
        `Membre ${row + 1}`,
        `Territoire ${(row * 7) % 93}`,
        `${row * 113} €`,
        `${(row * 3) % 100} %`,
      ];
      cells.forEach((cell, column) =>
        doc.text(cell, 36 + column * 130, y, { width: 125, lineBreak: false }),
      );
      doc
        .moveTo(36, y - 2)
        .lineTo(560, y - 2)
        .stroke();
    }
  }
  doc.end();
  return done;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function signInTurn(pdf: Uint8Array, signers: IssuedCertificate[]) {
  const times: number[] = [];
  let signed = pdf;
  const start = performance.now();
  for (const [i, signer] of signers.entries()) {
    const t = performance.now();
    signed = await signPdf(signed, signer, {
      name: `Signataire ${i + 1}`,
      reason: 'Signature de la convention de groupement',
      location: 'France',
      signingTime: new Date(),
    });
    times.push(performance.now() - t);
  }
  return { times, total: performance.now() - start, signed };
}

async function main(): Promise<void> {
  const pdf = await renderLots();
  const ca = await createCertificateAuthority({
    commonName: 'Cordage bench CA',
    organisation: 'Cordage',
  });
  const signers = await Promise.all(
    Array.from({ length: MEMBERS }, (_, i) =>
      issueSignerCertificate(ca, {
        name: `Signataire ${i + 1}`,
        organisation: `Structure ${i + 1}`,
        identifier: `SIRET 4736071463${String(i).padStart(4, '0')}`,
        email: `membre${i + 1}@bench.cordage.fr`,
      }),
    ),
  );

  // Baseline: a bare node:crypto signature of the same bytes (median of 21, after a warm-up).
  const key = createPrivateKey(signers[0].privateKeyPem);
  sign('sha256', pdf, key);
  const bareMs = median(
    Array.from({ length: 21 }, () => {
      const bareStart = performance.now();
      sign('sha256', pdf, key);
      return performance.now() - bareStart;
    }),
  );

  // Warm-up on a throwaway copy, so that the 1st measured signature is not paying for the JIT.
  await signPdf(pdf, signers[0], {
    name: 'warm-up',
    reason: 'warm-up',
    location: 'bench',
    signingTime: new Date(),
  });

  // Several full runs; each position's figure is its median, so one GC pause does not decide.
  const runs: { times: number[]; total: number; signed: Uint8Array }[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await signInTurn(pdf, signers));
  const current = runs[0].signed;
  const total = median(runs.map((run) => run.total));
  const times = signers.map((_, i) => median(runs.map((run) => run.times[i])));

  const verifyStart = performance.now();
  const reports = await readPdfSignatures(current);
  const verifyMs = performance.now() - verifyStart;
  const valid = reports.filter((report) => report.signatureValid).length;
  if (valid !== MEMBERS || !reports[MEMBERS - 1].coversWholeFile) {
    throw new Error(`${valid} of ${reports.length} signatures valid after the run`);
  }
  const [first, last] = [times[0], times[times.length - 1]];
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  console.log(
    `document: ${PAGES} pages, ${(pdf.length / 1024).toFixed(0)} KB -> ${(current.length / 1024).toFixed(0)} KB after ${MEMBERS} signatures`,
  );
  console.log(`baseline, one bare node:crypto signature of the same bytes: ${ms(bareMs)}`);
  console.log(
    `total for ${MEMBERS} signatures (median of ${RUNS} runs): ${ms(total)} (target < 6000 ms) ${total < 6000 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `1st signature: ${ms(first)}; ${MEMBERS}th: ${ms(last)}; ratio ${(last / first).toFixed(2)} (target < 2) ${last / first < 2 ? 'OK' : 'MISSED'}`,
  );
  console.log(`verifying the ${MEMBERS} signatures in-process: ${ms(verifyMs)}`);
  console.log(`per signature (median): ${times.map((t) => t.toFixed(0)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Requirement: the convention of a 30-member, 20-lot bid renders in under 1.5 s, and within 2x
// of a bare pdfkit document with the same tables, both measured in this run (figures drift by
// about 30 % between runs, shared/docs/performance.md). The DC1 sheet is timed too.
// Run: npm run bench:documents [-- --size=xs: one run after the warm-up]. Exits non-zero on an error only.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { renderConventionPdf, renderDc1Pdf } from '@cordage/documents';
import { renderBareTables } from './bare-tables.baseline';
import { benchModel } from './bench-model';
import { at } from '@cordage/domain';
import { smallestSize } from '../scenario-generator';

const RUNS = smallestSize() ? 1 : 7;
const TARGET_SECONDS = 1.5;
const TARGET_RATIO = 2;
interface Timing {
  median: number;
  bytes: number;
}

/** One warm-up run (fonts read and parsed once per process), then the median of RUNS. */
async function time(render: () => Promise<Buffer>): Promise<Timing> {
  let bytes = (await render()).length;
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = (await render()).length;
    seconds.push((performance.now() - start) / 1000);
  }
  seconds.sort((a, b) => a - b);
  return { median: at(seconds, Math.floor(RUNS / 2)), bytes };
}

const s = (value: number) => `${value.toFixed(3)} s`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

async function main(): Promise<void> {
  console.log(
    `Documents bench: ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${at(loadavg(), 0).toFixed(2)}, median of ${RUNS} runs after one warm-up`,
  );
  const model = await benchModel();
  const rows = model.lots.reduce((sum, lot) => sum + lot.shares.length + 2, 0);
  console.log(
    `Model: ${model.parties.length} members, ${model.lots.length} lots, ${rows} annex A rows, ` +
      `${model.subcontracts.length} subcontract(s)`,
  );

  const baseline = await time(() => renderBareTables(model));
  const convention = await time(() => renderConventionPdf(model));
  const dc1 = await time(() => renderDc1Pdf(model));
  const ratio = convention.median / baseline.median;

  console.log(
    `  baseline, bare doc.table() in Helvetica  ${s(baseline.median)}  ${kb(baseline.bytes)}`,
  );
  console.log(
    `  convention (PDF/A-2b, DejaVu, contents)  ${s(convention.median)}  ${kb(convention.bytes)}`,
  );
  console.log(`  DC1 sheet                                ${s(dc1.median)}  ${kb(dc1.bytes)}`);
  console.log(`  ratio convention / baseline              ${ratio.toFixed(2)}x`);
  const holds = (ok: boolean) => (ok ? 'holds' : 'MISSED');
  console.log(
    `Target convention < ${TARGET_SECONDS} s: ${holds(convention.median < TARGET_SECONDS)}; ` +
      `within ${TARGET_RATIO}x of the baseline: ${holds(ratio <= TARGET_RATIO)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

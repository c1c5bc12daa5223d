// The contract reports at a network's size (issue 16): 400 members, 10 lots, 1,000 cells, 36
// monthly periods (48,000 member x cell pairs). Times, median of a few runs after a warm-up: the
// insertion report of one lot and period (its model, its XLSX, its PDF: 4,800 lines), the annual
// evaluation (model and PDF, from the 48,000 member x lot x period totals of a year), the OCDS
// package (144,000 transactions over the 36 periods). The baselines, measured in the same run, are
// a bare ExcelJS sheet and a bare pdfkit table of the same insertion lines.
// Run: npm run bench:reports [-- --size=xs: 20 members, 2 lots, 20 cells, 12 periods, one run].
// Exits non-zero on an error only.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  type ReportFigureLine,
  type ReportPeriodTotal,
  at,
  buildEvaluationReport,
  buildInsertionReport,
  contractPeriods,
} from '@cordage/domain';
import {
  type OcdsContractInput,
  type ReportHeader,
  insertionWorkbook,
  ocdsContractPackage,
  renderEvaluationPdf,
  renderInsertionPdf,
} from '@cordage/documents';
import { mulberry32, smallestSize } from '../scenario-generator';
import { bareWorkbook, barePdf } from './bare-report.baseline';

const XS = smallestSize();
const SIZE = XS
  ? { members: 20, lots: 2, cells: 20, periods: 12, cellsPerMember: 4 }
  : { members: 400, lots: 10, cells: 1_000, periods: 36, cellsPerMember: 120 };
const RUNS = XS ? 1 : 5;

const header: ReportHeader = {
  bidId: '0b6f2c3e-5a8d-4e1f-9c7b-2d4a6e8f0a1b',
  tender: {
    reference: 'BENCH-2027',
    title: 'Marché de banc d’essai',
    buyer: { name: 'Département de banc', idScheme: 'SIREN', id: '229300017' },
  },
  mandataire: { legalName: 'Membre 0000', idScheme: 'SIRET', idValue: '10000000000000' },
  generatedAt: '2027-03-02T09:00:00.000Z',
  timeZone: 'Europe/Paris',
};
const periods = contractPeriods({
  startOn: '2026-01-01',
  durationMonths: SIZE.periods,
  periodMonths: 1,
});
const memberKey = (m: number) => `m${String(m).padStart(4, '0')}`;
const cellsPerLot = SIZE.cells / SIZE.lots;

/** Each member works on `cellsPerMember` cells spread over the lots; a figure per period. */
function figures(): { lines: ReportFigureLine[]; totals: ReportPeriodTotal[] } {
  const random = mulberry32(16);
  const lines: ReportFigureLine[] = [];
  const totals = new Map<string, ReportPeriodTotal>();
  for (let m = 0; m < SIZE.members; m++) {
    for (let c = 0; c < SIZE.cellsPerMember; c++) {
      const cell = (m * 7 + c * 13) % SIZE.cells;
      const lot = Math.floor(cell / cellsPerLot) + 1;
      for (const period of periods) {
        const plannedCents = 50_000 + Math.floor(random() * 100_000);
        const realisedCents = Math.floor(plannedCents * (0.7 + random() * 0.5));
        const line: ReportFigureLine = {
          member: memberKey(m),
          lot,
          territory: `COM:${String(93_000 + cell)}`,
          period: period.number,
          plannedHundredths: 2_000,
          plannedCents,
          plannedInsertionHours: 2,
          realisedHours: Math.floor(random() * 2_500) / 100,
          realisedCents,
          realisedInsertionHours: Math.floor(random() * 300) / 100,
          insertionPeople: Math.floor(random() * 3),
        };
        // The insertion report reads one lot and period: keep those lines only.
        if (lot === 1 && period.number === 2) lines.push(line);
        const key = `${line.member}/${lot}/${period.number}`;
        const total = totals.get(key) ?? {
          member: line.member,
          lot,
          period: period.number,
          plannedHundredths: 0,
          plannedCents: 0,
          plannedInsertionHours: 0,
          realisedHours: 0,
          realisedCents: 0,
          realisedInsertionHours: 0,
          insertionPeople: 0,
          declaredCells: 0,
        };
        total.plannedHundredths += line.plannedHundredths;
        total.plannedCents += plannedCents;
        total.plannedInsertionHours += 2;
        total.realisedHours =
          Math.round((total.realisedHours + (line.realisedHours ?? 0)) * 100) / 100;
        total.realisedCents += realisedCents;
        total.realisedInsertionHours =
          Math.round((total.realisedInsertionHours + (line.realisedInsertionHours ?? 0)) * 100) /
          100;
        total.insertionPeople += line.insertionPeople ?? 0;
        total.declaredCells += 1;
        totals.set(key, total);
      }
    }
  }
  return { lines, totals: [...totals.values()] };
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let value = await work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = await work();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { ms: at(runs, Math.floor(RUNS / 2)), value };
}

const ms = (value: number) => `${value.toFixed(0).padStart(7)} ms`;

async function main(): Promise<void> {
  console.log(
    `Reports bench: ${cpus().length} cores, Node ${process.version}, load average ` +
      `${at(loadavg(), 0).toFixed(2)}, median of ${RUNS} run(s) after one warm-up`,
  );
  const { lines, totals } = figures();
  console.log(
    `Network: ${SIZE.members} members, ${SIZE.lots} lots, ${SIZE.cells} cells, ${SIZE.periods} ` +
      `periods; ${lines.length} insertion lines (lot 1, period 2), ${totals.length} totals`,
  );
  const memberName = (key: string) => `Membre ${key.slice(1)}`;
  const insertion = await time(() =>
    buildInsertionReport({
      lot: 1,
      lotTitle: 'Lot 1',
      period: at(periods, 1),
      lines,
      memberName,
      territoryName: (code) => `Commune ${code.slice(4)}`,
    }),
  );
  const report = insertion.value;
  const xlsx = await time(() => insertionWorkbook(report, header));
  const bareXlsx = await time(() => bareWorkbook(report));
  const pdf = await time(() => renderInsertionPdf(report, header));
  const bare = await time(() => barePdf(report));
  const evaluation = await time(() =>
    buildEvaluationReport({
      year: 2026,
      periods: new Map(Array.from({ length: SIZE.lots }, (_, i) => [i + 1, periods])),
      totals,
      drifts: [],
      decisions: [],
      memberName,
    }),
  );
  const evaluationPdf = await time(() => renderEvaluationPdf(evaluation.value, header));
  const members = Array.from({ length: SIZE.members }, (_, m) => ({
    key: memberKey(m),
    legalName: memberName(memberKey(m)),
    idScheme: 'SIRET' as const,
    idValue: String(10_000_000_000_000 + m),
  }));
  const ocdsInput: OcdsContractInput = {
    uriBase: 'https://cordage.example.org',
    members,
    lots: Array.from({ length: SIZE.lots }, (_, i) => ({
      lot: i + 1,
      title: `Lot ${i + 1}`,
      outcome: 'WON' as const,
      awardedOn: '2025-12-01',
      awardedCents: 100_000_000,
      periods,
      planned: members.map((member) => ({ member: member.key, amountCents: 1, insertionHours: 0 })),
    })),
    totals,
  };
  const ocds = await time(() => JSON.stringify(ocdsContractPackage(header, ocdsInput)));

  console.log(`  insertion model (${report.members.length} members)  ${ms(insertion.ms)}`);
  console.log(`  insertion XLSX                      ${ms(xlsx.ms)}  ${xlsx.value.length} bytes`);
  console.log(`  baseline, bare ExcelJS sheet        ${ms(bareXlsx.ms)}`);
  console.log(`  insertion PDF (PDF/A, DejaVu)       ${ms(pdf.ms)}  ${pdf.value.length} bytes`);
  console.log(`  baseline, bare pdfkit table         ${ms(bare.ms)}`);
  console.log(`  evaluation model (year)             ${ms(evaluation.ms)}`);
  console.log(`  evaluation PDF                      ${ms(evaluationPdf.ms)}`);
  console.log(`  OCDS package (JSON text)            ${ms(ocds.ms)}  ${ocds.value.length} bytes`);
  console.log(
    `  ratio cordage / baseline: xlsx ${(xlsx.ms / bareXlsx.ms).toFixed(1)}x, ` +
      `pdf ${(pdf.ms / bare.ms).toFixed(1)}x`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// Requirement: a file of 1,000 organisations and 400,000 offers imports in under 60 s on this
// machine. Measures `cordage import` (the ScenarioImport use case, as the cli and the worker run
// it) against the naive TypeORM way, both in this run, on the same generated file.
// Run: npm run bench:import [-- --size=xs]. Prints figures; exits non-zero only on a real error.
import { fork } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { databaseEnv, validateEnv } from '@cordage/config';
import { validateScenario, at } from '@cordage/domain';
import { dataSourceOptions } from '@cordage/persistence';
import { createMigratedDatabase, dropDatabase, clearData } from '@cordage/testing';
import {
  SCENARIO_SIZE_L,
  SCENARIO_SIZE_XS,
  type ScenarioSize,
  generateScenario,
  smallestSize,
} from '../scenario-generator';
import type { ImportFigures, ImportPath, ImportRequest } from './run-import';

// Its own database per run: two runs side by side (two checkouts' tests) do not meet.
const DATABASE = `cordage_bench_import_${process.pid}`;
const SEED = 42;
const TARGET_SECONDS = 60;
// The baseline runs in full when it would take under 3 minutes; otherwise it stops after this
// fraction of the offers and is extrapolated linearly.
const BASELINE_MAX_SECONDS = 180;
const BASELINE_PROBE_FRACTION = 0.1;
// Figures drift by about 30 % between runs on this machine (shared/docs/performance.md): run
// both paths alternately and report each one's median run.
const RUNS = smallestSize() ? 1 : 3;

const RUN_TS = path.resolve(__dirname, '..', '..', 'bin', 'run.js');
const RUN_IMPORT = path.join(__dirname, 'run-import.ts');

interface Expected {
  organisations: number;
  /** The importing network's entries: each organisation's details (issue 17). */
  entries: number;
  members: number;
  cells: number;
  offers: number;
  limits: number;
  subcontracts: number;
}

/** Runs one import in a fresh process (like `cordage import`) and returns its figures. */
function runImport(request: ImportRequest): Promise<ImportFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(RUN_TS, [RUN_IMPORT], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: ImportFigures | undefined;
    child.on('message', (message: ImportFigures) => (figures = message));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && figures
        ? resolve(figures)
        : reject(new Error(`${request.path} import failed (exit code ${code})`)),
    );
    child.send(request);
  });
}

/** Proves the run wrote what it says: a bench that writes nothing would be fast too. */
async function checkWritten(dataSource: DataSource, expected: Expected, offers: number) {
  const [row] = await dataSource.query<Expected[]>(`SELECT
    (SELECT count(*)::int FROM organisations) AS organisations,
    (SELECT count(*)::int FROM network_organisations WHERE staff IS NOT NULL) AS entries,
    (SELECT count(*)::int FROM members) AS members,
    (SELECT count(*)::int FROM lot_cells) AS cells,
    (SELECT count(*)::int FROM offers) AS offers,
    (SELECT count(*)::int FROM member_limits) AS limits,
    (SELECT count(*)::int FROM subcontracts) AS subcontracts`);
  const wanted = { ...expected, offers };
  if (JSON.stringify(row) !== JSON.stringify(wanted)) {
    throw new Error(`rows written ${JSON.stringify(row)}, expected ${JSON.stringify(wanted)}`);
  }
}

/**
 * Deletes the bid data (territories stay), then compacts and checkpoints: every run starts from
 * the same empty tables and indexes, and none pays for the previous run's dirty pages.
 */
async function cleanDatabase(dataSource: DataSource): Promise<void> {
  await clearData(dataSource);
  await dataSource.query('VACUUM FULL ANALYZE');
  await dataSource.query('CHECKPOINT');
}

const total = (f: ImportFigures) => f.parseSeconds + f.checkSeconds + f.projectedWriteSeconds;

/** The run with the median total (RUNS is odd). */
function median(runs: ImportFigures[]): ImportFigures {
  return at(
    [...runs].sort((a, b) => total(a) - total(b)),
    Math.floor(runs.length / 2),
  );
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const thousands = (value: number) => value.toLocaleString('en-US');

function printTable(cordage: ImportFigures, baseline: ImportFigures, offers: number): void {
  const baselineWrite = baseline.extrapolated
    ? `${seconds(baseline.projectedWriteSeconds)} *`
    : seconds(baseline.writeSeconds);
  const rows: [string, string, string][] = [
    ['step', 'cordage import', 'baseline (manager.insert)'],
    ['read + JSON.parse', seconds(cordage.parseSeconds), seconds(baseline.parseSeconds)],
    [
      'validation (ScenarioImport.check)',
      seconds(cordage.checkSeconds),
      seconds(baseline.checkSeconds),
    ],
    ['write (one transaction)', seconds(cordage.writeSeconds), baselineWrite],
    [
      'total, file to commit',
      seconds(total(cordage)),
      `${seconds(total(baseline))}${baseline.extrapolated ? ' *' : ''}`,
    ],
    ['peak RSS (maxRSS)', megabytes(cordage.maxRssBytes), megabytes(baseline.maxRssBytes)],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => at(row, c).length)));
  const line = (row: [string, string, string]) =>
    `  ${row[0].padEnd(at(widths, 0))}  ${row[1].padStart(at(widths, 1))}  ${row[2].padStart(at(widths, 2))}`;
  console.log('');
  console.log(`Median run of ${RUNS} for each path, each in a fresh process on emptied tables:`);
  console.log(line(at(rows, 0)));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  if (baseline.extrapolated) {
    console.log(
      `  * extrapolated linearly: the baseline wrote ${thousands(baseline.offersWritten)} of ` +
        `${thousands(offers)} offers (${BASELINE_PROBE_FRACTION * 100} %) in ` +
        `${seconds(baseline.writeSeconds)}, its projection exceeding ${BASELINE_MAX_SECONDS} s ` +
        '(a lower bound: inserts slow down as the indexes grow).',
    );
  }
  const met = total(cordage) < TARGET_SECONDS;
  console.log(
    `  target, total < ${TARGET_SECONDS} s: ${met ? 'met' : 'NOT met'} (${seconds(total(cordage))})`,
  );
  console.log(
    `  ratio baseline / cordage: total ${(total(baseline) / total(cordage)).toFixed(1)}x, ` +
      `write ${(baseline.projectedWriteSeconds / cordage.writeSeconds).toFixed(1)}x`,
  );
}

/** Generates the file; the scenario object is dropped on return so the parent stays small. */
async function prepareFile(
  directory: string,
  size: ScenarioSize,
): Promise<{ file: string; expected: Expected }> {
  let started = performance.now();
  const scenario = generateScenario(size, SEED);
  const generateSeconds = (performance.now() - started) / 1000;
  const validation = validateScenario(scenario);
  if (!validation.ok) {
    const first = validation.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
    throw new Error(
      `generated scenario invalid (${validation.problems.length}): ${first.join('; ')}`,
    );
  }
  const file = path.join(directory, 'scenario.json');
  started = performance.now();
  await writeFile(file, JSON.stringify(scenario));
  const writeFileSeconds = (performance.now() - started) / 1000;
  const expected: Expected = {
    organisations: scenario.organizations.length,
    entries: scenario.organizations.length,
    members: scenario.organizations.length,
    cells: scenario.tender.lots.reduce((sum, lot) => sum + lot.cells.length, 0),
    offers: scenario.offers.length,
    limits: scenario.limits.length,
    subcontracts: scenario.subcontracts.length,
  };
  console.log(
    `Scenario generated in ${seconds(generateSeconds)}; validateScenario: 0 problems; ` +
      `${thousands(expected.limits)} limits, ${thousands(expected.subcontracts)} subcontracts`,
  );
  console.log(
    `File ${file}: ${megabytes((await stat(file)).size)} (written in ${seconds(writeFileSeconds)})`,
  );
  return { file, expected };
}

async function main(): Promise<void> {
  const size = smallestSize() ? SCENARIO_SIZE_XS : SCENARIO_SIZE_L;
  console.log(
    `Import bench: ${thousands(size.organisations)} organisations, ${size.lots} lots, ` +
      `${thousands(size.lots * size.cellsPerLot)} cells, ${thousands(size.offers)} offers ` +
      `(seed ${SEED}), ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${at(loadavg(), 0).toFixed(2)}`,
  );
  const databaseUrl = await createMigratedDatabase(DATABASE);
  const directory = await mkdtemp(path.join(tmpdir(), 'cordage-bench-import-'));
  const dataSource = new DataSource(
    dataSourceOptions(validateEnv({ DATABASE_URL: databaseUrl }, databaseEnv)),
  );
  try {
    await dataSource.initialize();

    const { file, expected } = await prepareFile(directory, size);

    const runs: Record<ImportPath, ImportFigures[]> = { cordage: [], baseline: [] };
    for (let run = 1; run <= RUNS; run++) {
      for (const importPath of ['cordage', 'baseline'] as const) {
        await cleanDatabase(dataSource);
        const figures = await runImport({
          path: importPath,
          file,
          databaseUrl,
          probeFraction: BASELINE_PROBE_FRACTION,
          maxSeconds: BASELINE_MAX_SECONDS,
        });
        await checkWritten(dataSource, expected, figures.offersWritten);
        runs[importPath].push(figures);
        console.log(
          `Run ${run}/${RUNS} ${importPath.padEnd(8)}: total ${seconds(total(figures))}` +
            (figures.extrapolated ? ' (extrapolated)' : ''),
        );
      }
    }
    printTable(median(runs.cordage), median(runs.baseline), expected.offers);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await rm(directory, { recursive: true, force: true });
    await dropDatabase(DATABASE);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

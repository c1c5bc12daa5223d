// Issue 16's after-award size: 400 members, 10 lots, 1,000 cells, 36 monthly periods (48,000
// planned cells, 1.73 M planned lines) and 34 months of declarations already in (uneven members,
// missing months, 5 % corrected). Times the planned-against-realised page (whole bid, one lot,
// one member: the totals per member, lot and period read from realised_period_totals, and one
// member's cell detail) against the baseline, the former query over the append-only entries
// (latest-entries.baseline.ts), both in this run on the same database; then a month's import for
// every member, as the api runs it (checks, entries, figures in force, totals, audit, drift rule):
// the baseline declares the 35th month member by member (RealisedFiguresService.declare, one
// unit of work each, the former path), the import the 36th in one call
// (RealisedFiguresService.importMonth, set-based), the same members and cells.
// Targets: the page under 200 ms (the web page reads one lot at a time: GET realised/totals?lot=;
// the whole bid, for the reports, is printed beside it), a month's import under 5 s.
// Run: npm run bench:realised [-- --size=xs] [-- --keep-database] (kept: to read its plans with
// EXPLAIN afterwards; drop it by hand). Prints figures; exits non-zero only on a real error.
import { cpus, loadavg } from 'node:os';
import type { DataSource } from 'typeorm';
import {
  AccessService,
  DriftAlertsService,
  RealisedFiguresService,
  ScenarioImporter,
} from '@cordage/application';
import { TransactionHost } from '@cordage/persistence';
import { at, required } from '@cordage/domain';
import { createMigratedDatabase, dropDatabase, openTestPersistence } from '@cordage/testing';
import {
  SCENARIO_SIZE_M,
  SCENARIO_SIZE_XS,
  generateScenario,
  mulberry32,
  smallestSize,
} from '../scenario-generator';
import { baselinePlannedAgainstRealised } from './latest-entries.baseline';

const DATABASE = `cordage_bench_realised_${process.pid}`;
const SEED = 16;
const XS = smallestSize();
const SIZE = XS ? SCENARIO_SIZE_XS : SCENARIO_SIZE_M;
const PERIODS = XS ? 6 : 36;
const CORRECTED = 0.05;
const PAGE_TARGET_MS = 200;
const IMPORT_TARGET_S = 5;
/** Runs per measure, the median reported (figures drift by ~30 % on this shared machine). */
const RUNS = XS ? 1 : 5;
const BASELINE_RUNS = XS ? 1 : 3;
const CHUNK = 20_000;
const KEEP_DATABASE = process.argv.includes('--keep-database');

const thousands = (value: number) => value.toLocaleString('en-US');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return at(sorted, Math.floor(sorted.length / 2));
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const times: number[] = [];
  let out: T | undefined;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    out = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), out: out as T };
}

interface PlannedCell {
  member_id: string;
  lot_id: string;
  lot_cell_id: string;
  hundredths: string;
  amount_cents: string;
}

/** The first day of the month `months` before this one (UTC), so every period is over. */
function monthsAgo(months: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))
    .toISOString()
    .slice(0, 10);
}

/**
 * The award as the contract step leaves it, written in SQL: the award workflow (vote, signature)
 * is not what is measured, so the allocation version it references is not built (foreign keys
 * off for these statements only, session_replication_role). The plan: each offer becomes the
 * member's planned cell (35 € an hour), spread over the periods to the cent.
 */
async function award(dataSource: DataSource, bidId: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(
      `INSERT INTO lot_awards (bid_id, lot_id, outcome, awarded_on, awarded_cents, version_id,
         start_on, duration_months, period_months)
       SELECT $1, lot.id, 'WON', $2::date, 1, gen_random_uuid(), $2::date, $3, 1
       FROM lots lot JOIN bids bid ON bid.tender_id = lot.tender_id WHERE bid.id = $1`,
      [bidId, monthsAgo(PERIODS + 1), PERIODS],
    );
  });
  await dataSource.query(
    `INSERT INTO planned_cells (bid_id, member_id, lot_id, lot_cell_id, hundredths, amount_cents,
       insertion_hours)
     SELECT $1, o.member_id, c.lot_id, o.lot_cell_id, round(o.hours * 100), round(o.hours * 3500),
       round(o.hours / 10)
     FROM offers o JOIN members m ON m.id = o.member_id JOIN lot_cells c ON c.id = o.lot_cell_id
     WHERE m.bid_id = $1`,
    [bidId],
  );
  // The first periods take the remainder, so the periods add up to the cell.
  await dataSource.query(
    `INSERT INTO planned_periods (bid_id, member_id, lot_id, lot_cell_id, period_number,
       hundredths, amount_cents, insertion_hours)
     SELECT bid_id, member_id, lot_id, lot_cell_id, p,
       hundredths / $2 + CASE WHEN p <= hundredths % $2 THEN 1 ELSE 0 END,
       amount_cents / $2 + CASE WHEN p <= amount_cents % $2 THEN 1 ELSE 0 END,
       insertion_hours / $2 + CASE WHEN p <= insertion_hours % $2 THEN 1 ELSE 0 END
     FROM planned_cells, generate_series(1, $2) AS p WHERE bid_id = $1`,
    [bidId, PERIODS],
  );
}

interface Entry {
  member: string;
  lot: string;
  cell: string;
  period: number;
  hours: number;
  cents: number;
}

/**
 * A member's declaration of one period: every planned cell but for a missing month, its revenue
 * around the plan by the member's own pace. Members are uneven: how often they skip a month and
 * how far from their plan they run are drawn per member.
 */
function declarations(
  cells: readonly PlannedCell[],
  periods: readonly number[],
  random: () => number,
): Entry[] {
  const byMember = new Map<string, PlannedCell[]>();
  for (const cell of cells) {
    byMember.set(cell.member_id, [...(byMember.get(cell.member_id) ?? []), cell]);
  }
  const entries: Entry[] = [];
  for (const [member, own] of byMember) {
    const skips = random() * 0.15;
    const pace = 0.7 + random() * 0.45;
    for (const period of periods) {
      if (random() < skips) continue;
      for (const cell of own) {
        const cents = Number(cell.amount_cents) / PERIODS;
        const hours = Number(cell.hundredths) / 100 / PERIODS;
        const factor = pace * (0.85 + random() * 0.3);
        entries.push({
          member,
          lot: cell.lot_id,
          cell: cell.lot_cell_id,
          period,
          hours: Math.round(hours * factor * 100) / 100,
          cents: Math.round(cents * factor),
        });
      }
    }
  }
  return entries;
}

/** Past entries written straight into realised_entries (the history; its reads are measured). */
async function insertHistory(
  dataSource: DataSource,
  bidId: string,
  entries: readonly Entry[],
  reason: string | null,
): Promise<void> {
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    await dataSource.query(
      `INSERT INTO realised_entries (bid_id, member_id, lot_id, lot_cell_id, period_number, hours,
         revenue_cents, insertion_hours, insertion_people, author_label, on_behalf, reason)
       SELECT $1, m, l, c, p, h, r, 0, 0, 'banc', false, $8
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::numeric[], $7::bigint[])
         AS e(m, l, c, p, h, r)`,
      [
        bidId,
        chunk.map((e) => e.member),
        chunk.map((e) => e.lot),
        chunk.map((e) => e.cell),
        chunk.map((e) => e.period),
        chunk.map((e) => e.hours),
        chunk.map((e) => e.cents),
        reason,
      ],
    );
  }
}

async function main(): Promise<void> {
  console.log(
    `Realised bench: ${thousands(SIZE.organisations)} members, ${SIZE.lots} lots, ` +
      `${thousands(SIZE.lots * SIZE.cellsPerLot)} cells, ${thousands(SIZE.offers)} planned cells, ` +
      `${PERIODS} periods (seed ${SEED}), ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${at(loadavg(), 0).toFixed(2)}`,
  );
  process.env.DATABASE_URL = await createMigratedDatabase(DATABASE);
  const { context, dataSource } = await openTestPersistence();
  try {
    let started = performance.now();
    const access = context.get(AccessService);
    const networkId = await access.ensureNetwork('Réseau du banc d’essai');
    const actor = { userId: null, label: 'banc', requestId: null };
    const { bidId } = await context
      .get(ScenarioImporter)
      .import(generateScenario(SIZE, SEED), { networkId, actor });
    await dataSource.query(`UPDATE bids SET status = 'AWARDED' WHERE id = $1`, [bidId]);
    await award(dataSource, bidId);
    const cells = await dataSource.query<PlannedCell[]>(
      // Ordered by names, not ids (random uuids): the same draws on every run.
      `SELECT p.member_id, p.lot_id, p.lot_cell_id, p.hundredths, p.amount_cents
       FROM planned_cells p JOIN members m ON m.id = p.member_id JOIN lots lot ON lot.id = p.lot_id
       JOIN lot_cells c ON c.id = p.lot_cell_id JOIN territories t ON t.id = c.territory_id
       WHERE p.bid_id = $1 ORDER BY m.key, lot.number, t.code`,
      [bidId],
    );
    const random = mulberry32(SEED);
    // The last two months are left for the imports: the baseline's and cordage's.
    const history = declarations(
      cells,
      Array.from({ length: PERIODS - 2 }, (_, i) => i + 1),
      random,
    );
    await insertHistory(dataSource, bidId, history, null);
    // 5 % of the figures corrected, later: a new entry each, the figure in force being the last.
    const corrections = history
      .filter(() => random() < CORRECTED)
      .map((entry) => ({ ...entry, cents: Math.round(entry.cents * (0.9 + random() * 0.2)) }));
    await insertHistory(dataSource, bidId, corrections, 'correction du banc');
    await dataSource.query('VACUUM ANALYZE');
    const [counts] = await dataSource.query<{ planned: string; entries: string }[]>(
      `SELECT (SELECT count(*) FROM planned_periods) AS planned,
              (SELECT count(*) FROM realised_entries) AS entries`,
    );
    console.log(
      `Network built in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
        `${thousands(Number(counts?.planned))} planned lines, ` +
        `${thousands(Number(counts?.entries))} entries (${thousands(corrections.length)} corrections)`,
    );

    const lot = Math.ceil(SIZE.lots / 2);
    const [member] = await dataSource.query<{ id: string }[]>(
      `SELECT p.member_id AS id FROM planned_cells p JOIN members m ON m.id = p.member_id
       WHERE p.bid_id = $1 GROUP BY p.member_id, m.key ORDER BY count(*) DESC, m.key LIMIT 1`,
      [bidId],
    );
    const memberId = required(member, 'a member with a plan').id;

    // Baseline: the former query, over the append-only entries.
    const base = {
      bid: await timed(1, () => baselinePlannedAgainstRealised(dataSource, bidId, null, null)),
      lot: await timed(BASELINE_RUNS, () =>
        baselinePlannedAgainstRealised(dataSource, bidId, null, lot),
      ),
      member: await timed(BASELINE_RUNS, () =>
        baselinePlannedAgainstRealised(dataSource, bidId, [memberId], null),
      ),
      memberLot: await timed(BASELINE_RUNS, () =>
        baselinePlannedAgainstRealised(dataSource, bidId, [memberId], lot),
      ),
    };

    // The migration's backfill on this history (down drops the empty tables, up refills them).
    // Orders came later and added a column to those tables, and the write keys changed their
    // foreign keys: both are taken down first and put back.
    started = performance.now();
    const runner = dataSource.createQueryRunner();
    try {
      const migration = (name: string) =>
        required(
          dataSource.migrations.find((m) => m.name === name),
          `the migration ${name}`,
        );
      const figures = migration('RealisedFigures1796530500000');
      const orders = migration('Orders1796611695464');
      const writeKeys = migration('RealisedWriteKeys1796666090952');
      await runner.startTransaction();
      await writeKeys.down(runner);
      await orders.down(runner);
      await figures.down(runner);
      await figures.up(runner);
      await orders.up(runner);
      await writeKeys.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await dataSource.query('VACUUM ANALYZE realised_figures, realised_period_totals');
    const backfillSeconds = (performance.now() - started) / 1000;

    const service = context.get(RealisedFiguresService);
    const now = {
      bid: await timed(RUNS, () => service.plannedAgainstRealisedTotals(bidId, null, null)),
      lot: await timed(RUNS, () => service.plannedAgainstRealisedTotals(bidId, null, lot)),
      member: await timed(RUNS, () =>
        service.plannedAgainstRealisedTotals(bidId, [memberId], null),
      ),
      memberLot: await timed(RUNS, () => service.plannedAgainstRealised(bidId, [memberId], lot)),
    };

    // The totals must be the baseline's lines summed, to the cent (a fast wrong answer is no use).
    const sumOf = (values: readonly (number | string | null)[]) =>
      values.reduce<number>((total, value) => total + Number(value ?? 0), 0);
    const expected = {
      planned: sumOf(base.bid.out.map((line) => line.planned_cents)),
      realised: sumOf(base.bid.out.map((line) => line.revenue_cents)),
    };
    const got = {
      planned: sumOf(now.bid.out.map((total) => total.plannedCents)),
      realised: sumOf(now.bid.out.map((total) => total.realisedCents)),
    };
    if (JSON.stringify(expected) !== JSON.stringify(got)) {
      throw new Error(
        `totals ${JSON.stringify(got)} differ from the lines ${JSON.stringify(expected)}`,
      );
    }
    if (now.memberLot.out.length !== base.memberLot.out.length) {
      throw new Error(
        `cell detail: ${now.memberLot.out.length} lines, baseline ${base.memberLot.out.length}`,
      );
    }

    // The history was written straight to the tables: record the drifts it holds, as its
    // declarations would have, so that the import alerts only what its own month reveals.
    const memberKeys = await dataSource.query<{ id: string; key: string }[]>(
      `SELECT id, key FROM members WHERE bid_id = $1 ORDER BY key`,
      [bidId],
    );
    started = performance.now();
    const drifts = context.get(DriftAlertsService);
    const transactions = context.get(TransactionHost);
    const today = new Date().toISOString().slice(0, 10);
    // All the members in one pass (the rule as an import applies it), not the measured part.
    const pastDrifts = await transactions.withTransaction(() =>
      drifts.checkMembers(bidId, memberKeys, today, actor),
    );
    console.log(
      `Drifts of the history recorded: ${pastDrifts} in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // A month's declarations: every member, its planned cells of the period.
    const keys = new Map(memberKeys.map((row) => [row.id, row.key]));
    const refs = new Map(
      (
        await dataSource.query<{ id: string; lot: number; territory: string }[]>(
          `SELECT c.id, lot.number AS lot, t.code AS territory FROM lot_cells c
         JOIN lots lot ON lot.id = c.lot_id JOIN territories t ON t.id = c.territory_id`,
        )
      ).map((row) => [row.id, row]),
    );
    const figuresOf = (entry: Entry) => {
      const ref = required(refs.get(entry.cell), 'a cell');
      return {
        lot: ref.lot,
        territory: ref.territory,
        hours: entry.hours,
        revenueCents: entry.cents,
        insertionHours: 0,
        insertionPeople: 0,
      };
    };
    const alertsSoFar = async () => {
      const [row] = await dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM drift_alerts WHERE bid_id = $1`,
        [bidId],
      );
      return Number(row?.count);
    };
    /** What a period's import left: its entries and revenue in the totals, to the cent. */
    const checkWritten = async (period: number, month: readonly Entry[]) => {
      const [declared] = await dataSource.query<{ entries: string; totals: string }[]>(
        `SELECT (SELECT count(*) FROM realised_entries WHERE bid_id = $1 AND period_number = $2)
                  AS entries,
                (SELECT sum(realised_cents) FROM realised_period_totals
                  WHERE bid_id = $1 AND period_number = $2) AS totals`,
        [bidId, period],
      );
      if (
        Number(declared?.entries) !== month.length ||
        Number(declared?.totals) !== sumOf(month.map((e) => e.cents))
      ) {
        throw new Error(
          `period ${period}: wrote ${JSON.stringify(declared)}, expected ${month.length} entries`,
        );
      }
    };

    // Baseline: the former path, the month declared member by member (period PERIODS - 1).
    const baselinePeriod = PERIODS - 1;
    const baselineMonth = declarations(cells, [baselinePeriod], random);
    const byMember = new Map<string, Entry[]>();
    for (const entry of baselineMonth)
      byMember.set(entry.member, [...(byMember.get(entry.member) ?? []), entry]);
    let alertsBefore = await alertsSoFar();
    started = performance.now();
    for (const [id, entries] of byMember) {
      await service.declare(
        bidId,
        id,
        entries.map((entry) => ({ ...figuresOf(entry), period: entry.period })),
        null,
        {
          actor: { ...actor, label: `banc ${required(keys.get(id), 'a member')}` },
          onBehalf: true,
        },
      );
    }
    const baselineSeconds = (performance.now() - started) / 1000;
    const baselineDrifts = (await alertsSoFar()) - alertsBefore;
    await checkWritten(baselinePeriod, baselineMonth);

    // Cordage: the next month in one call, as the coordinator's « Importer le mois » sends it.
    const month = declarations(cells, [PERIODS], random);
    const importMembers = new Set(month.map((entry) => entry.member)).size;
    alertsBefore = await alertsSoFar();
    started = performance.now();
    const imported = await service.importMonth(
      bidId,
      {
        period: PERIODS,
        lines: month.map((entry) => ({
          member: required(keys.get(entry.member), 'a member'),
          ...figuresOf(entry),
        })),
        reason: null,
      },
      { ...actor, label: 'banc coordination' },
    );
    const importSeconds = (performance.now() - started) / 1000;
    const importDrifts = (await alertsSoFar()) - alertsBefore;
    if (imported.driftAlerts !== importDrifts || imported.recorded !== month.length) {
      throw new Error(`import said ${JSON.stringify(imported)}, ${importDrifts} drifts recorded`);
    }
    await checkWritten(PERIODS, month);

    const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(9);
    const rows = (value: { out: unknown[] }) => thousands(value.out.length).padStart(9);
    console.log('');
    console.log('Median of runs; baseline = the former query over the entries (raw rows):');
    console.log(`  read                   baseline      rows  cordage      rows`);
    console.log(
      `  whole bid             ${ms(base.bid.ms)} ${rows(base.bid)} ${ms(now.bid.ms)} ${rows(now.bid)}`,
    );
    console.log(
      `  one lot               ${ms(base.lot.ms)} ${rows(base.lot)} ${ms(now.lot.ms)} ${rows(now.lot)}`,
    );
    console.log(
      `  one member            ${ms(base.member.ms)} ${rows(base.member)} ${ms(now.member.ms)} ${rows(now.member)}`,
    );
    console.log(
      `  one member, one lot   ${ms(base.memberLot.ms)} ${rows(base.memberLot)} ${ms(now.memberLot.ms)} ${rows(now.memberLot)}  (cells)`,
    );
    console.log('');
    console.log(
      `  backfill of the figures in force and the totals (migration): ${backfillSeconds.toFixed(1)} s`,
    );
    console.log(
      `  a month's import, baseline (period ${baselinePeriod}, member by member): ` +
        `${thousands(baselineMonth.length)} entries from ${byMember.size} members in ` +
        `${baselineSeconds.toFixed(2)} s, ${baselineDrifts} new drifts alerted`,
    );
    console.log(
      `  a month's import, cordage (period ${PERIODS}, one call): ` +
        `${thousands(month.length)} entries from ${importMembers} members in ` +
        `${importSeconds.toFixed(2)} s, ${importDrifts} new drifts alerted ` +
        `(target < ${IMPORT_TARGET_S} s: ${importSeconds < IMPORT_TARGET_S ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  page (one lot, as the web page reads it) < ${PAGE_TARGET_MS} ms: ` +
        `${now.lot.ms < PAGE_TARGET_MS ? 'met' : 'NOT met'}; whole bid (reports): ` +
        `${now.bid.ms < PAGE_TARGET_MS ? 'also' : 'not'} under it`,
    );
    const ratio = (key: keyof typeof now) => `${(base[key].ms / now[key].ms).toFixed(1)}x`;
    console.log(
      `  ratio baseline / cordage: bid ${ratio('bid')}, lot ${ratio('lot')}, member ${ratio('member')}, cells ${ratio('memberLot')}, ` +
        `import ${(baselineSeconds / importSeconds).toFixed(1)}x`,
    );
  } finally {
    await context.close();
    if (KEEP_DATABASE) console.log(`database kept: ${DATABASE}`);
    else await dropDatabase(DATABASE);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

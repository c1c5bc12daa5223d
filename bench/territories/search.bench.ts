// The web app searches the official territories as people type (GET /api/territories?q=): each
// keystroke after a 250 ms pause costs one search, so it must answer well under 100 ms. Measures
// the repository's search (a stored, normalised name) against the same query normalising every
// name at read time (the first version), on the 36 000 territories of the real geography.
// Run: npm run bench:territories [-- --size=xs: two rounds]. Prints figures; exits non-zero only on a real error.
import { DataSource } from 'typeorm';
import { databaseEnv, validateEnv } from '@cordage/config';
import { type Db, TerritoryRepository, dataSourceOptions } from '@cordage/persistence';
import { createMigratedDatabase, dropDatabase } from '@cordage/testing';
import { at } from '@cordage/domain';
import { smallestSize } from '../scenario-generator';

// Its own database per run: two runs side by side (two checkouts' tests) do not meet.
const DATABASE = `cordage_bench_territories_${process.pid}`;
const QUERIES = ['saint', 'seine saint denis', 'mont', 'ile', '93066', 'plaine commune'];
const ROUNDS = smallestSize() ? 2 : 20;

/** The first version: lower(), accents, hyphens and apostrophes undone on every row, per search. */
const READ_TIME_NAME = `translate(lower(t.name), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ-''’', 'aaaaaaceeeeiiiinooooouuuuyy   ')`;
const BASELINE_SQL = `SELECT t.code, t.level, t.name, p.name AS "parentName"
   FROM territories t LEFT JOIN territories p ON p.id = t.parent_id
  WHERE t.bid_id IS NULL
    AND (${READ_TIME_NAME} LIKE '%' || $1 || '%' OR split_part(t.code, ':', 2) LIKE $1 || '%')
  ORDER BY (${READ_TIME_NAME} = $1) DESC, (${READ_TIME_NAME} LIKE $1 || '%') DESC,
           array_position(ARRAY['REG','DEP','EPT','EPCI','COM','BE'], t.level::text),
           length(t.name), t.name, t.code
  LIMIT $2`;

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: plans and pages in cache
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return at(
    times.sort((a, b) => a - b),
    Math.floor(times.length / 2),
  );
}

async function main(): Promise<void> {
  const url = await createMigratedDatabase(DATABASE);
  const dataSource = new DataSource(
    dataSourceOptions(validateEnv({ ...process.env, DATABASE_URL: url }, databaseEnv)),
  );
  await dataSource.initialize();
  try {
    // Outside a use case a repository reads through the pool: `db.tx` is the DataSource's manager.
    const territories = new TerritoryRepository({ tx: dataSource.manager } as unknown as Db);
    const counted = await dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM territories WHERE bid_id IS NULL',
    );
    const { count } = at(counted, 0);
    console.log(`${count} official territories; median of ${ROUNDS} searches, limit 20`);
    console.log('query                 search (ms)  read-time normalising (ms)  ratio');
    let worst = 0;
    for (const query of QUERIES) {
      const stored = await medianMs(() => territories.search(query, 20));
      const baseline = await medianMs(() => dataSource.query(BASELINE_SQL, [query, 20]));
      worst = Math.max(worst, stored);
      console.log(
        `${query.padEnd(20)}  ${stored.toFixed(1).padStart(11)}  ${baseline
          .toFixed(1)
          .padStart(26)}  ${(stored / baseline).toFixed(2).padStart(5)}x`,
      );
    }
    console.log(`slowest search: ${worst.toFixed(1)} ms (target < 100 ms)`);
  } finally {
    await dataSource.destroy();
    await dropDatabase(DATABASE);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

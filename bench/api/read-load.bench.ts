// Reading a bid under load: the real api (a process of its own, as an operator starts it) on a
// database of its own with the example bid and one allocation version, Postgres and Redis real,
// wrk or autocannon at 50 connections. Each read route is measured beside GET /api/health in the same
// round: the health check's one Postgres ping and one Redis ping through the same middleware is
// the ceiling a read can reach on this machine. A first api process, logging its SQL, counts the
// statements each route sends. Target (issue 18): 500 req/s, p99 < 100 ms on the bid's reads.
// Run: npm run bench:api [-- --rounds 3 --duration 10 --connections 50 --compiled | --size=xs]
// [--cpu-prof DIR] [--tool wrk|autocannon]
// (wrk by default when it is installed: written in C, it leaves more of the 2 cores to the api.)
// (--compiled runs dist/apps/api/src/main.js, built by npm run build, instead of the sources
// through the runtime compiler.) Prints figures; exits non-zero only on a real error.
import autocannon from 'autocannon';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AccessService, AllocationRunsService, ScenarioImporter } from '@cordage/application';
import { AllocationEngine, at, required } from '@cordage/domain';
import { HighsLinearSolver } from '@cordage/solver';
import {
  REPO_ROOT,
  TEST_REDIS_URL,
  createMigratedDatabase,
  dropDatabase,
  exampleScenario,
  forgetQueues,
  issueLoginToken,
  openTestPersistence,
} from '@cordage/testing';

// Of this run: two runs side by side (helpers, CI) never share or drop each other's database.
const DATABASE = `cordage_bench_api_${process.pid}`;
const SOURCE_ENTRY = ['bin/run.js', 'apps/api/src/main.ts'];
const COMPILED_ENTRY = ['dist/apps/api/src/main.js'];
/** Sequential requests per route in the counting pass. */
const COUNTED_REQUESTS = 20;

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    compiled: { type: 'boolean', default: false },
    // A folder: the measured api writes its V8 CPU profile there (open it in Chrome's DevTools).
    'cpu-prof': { type: 'string' },
    // xs: one short round at 5 connections, for the test command (the bench runs to its end).
    size: { type: 'string', default: 'full' },
    // The load tool: wrk (C, when installed) takes less of the 2 cores than autocannon (Node).
    tool: { type: 'string' },
  },
});
const XS = options.size === 'xs';
if (!XS && options.size !== 'full') throw new Error(`--size: xs or full, not ${options.size}`);
const ROUNDS = XS ? 1 : Number(options.rounds);
const DURATION_S = XS ? 1 : Number(options.duration);
const CONNECTIONS = XS ? 5 : Number(options.connections);
if (options.tool !== undefined && !['wrk', 'autocannon'].includes(options.tool)) {
  throw new Error(`--tool: wrk or autocannon, not ${options.tool}`);
}

async function hasWrk(): Promise<boolean> {
  return promisify(execFile)('wrk', ['--version']).then(
    () => true,
    // wrk --version prints its banner and exits 1; only a missing wrk has no banner.
    (error: { stdout?: string }) => (error.stdout ?? '').includes('wrk'),
  );
}

interface Route {
  name: string;
  path: string;
  /** The session cookie it is read with; none for the public health check. */
  as: 'nobody' | 'coordinator' | 'member';
}

interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  failures: number;
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU milliseconds per request of the api process and of its Postgres backends. */
  apiCpuMs: number;
  postgresCpuMs: number;
}

/**
 * CPU seconds a process has used (Linux's /proc, in USER_HZ = 1/100 s), or null when it cannot
 * be read (a Postgres on another machine). Unlike req/s, it hardly moves when other work shares
 * the machine: the figure to compare between versions of the code.
 */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds used so far by these processes, per pid. */
function cpuOf(pids: readonly number[]): Map<number, number | null> {
  return new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
}

/** CPU seconds used between two readings (a process that appeared meanwhile counts whole). */
function cpuBetween(before: Map<number, number | null>, after: Map<number, number | null>) {
  let total = 0;
  for (const [pid, used] of after) {
    if (used === null) return Number.NaN;
    total += used - (before.get(pid) ?? 0);
  }
  return total;
}

const median = (values: number[]) =>
  at(
    [...values].sort((a, b) => a - b),
    Math.floor(values.length / 2),
  );

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The bid, one allocation version computed by the engine, and who reads them. */
async function prepare(context: INestApplicationContext, dataSource: DataSource) {
  const access = context.get(AccessService);
  const networkId = await access.ensureNetwork('Réseau du banc d’essai');
  const { bidId } = await context.get(ScenarioImporter).import(exampleScenario(), {
    networkId,
    actor: { userId: null, label: 'bench', requestId: null },
  });
  // Straight to the allocation step, as the e2e tests' moveBid does: the workflow is not measured.
  await dataSource.query(`UPDATE bids SET status = 'ALLOCATING' WHERE id = $1`, [bidId]);
  const coordinator = await access.ensureUser('coordination@banc.test', 'Coordination', [
    { role: 'COORDINATOR', networkId },
  ]);
  // Version 1 computed in this process by the worker's use cases (no queue, no worker).
  const runs = context.get(AllocationRunsService);
  const actor = { userId: coordinator.id, label: 'bench', requestId: null };
  const { jobId } = await runs.request(bidId, actor);
  const start = await runs.start(jobId);
  if (!('compute' in start)) throw new Error('the allocation run had nothing to compute');
  const { scenario, inputHash } = start.compute;
  const { result } = await new AllocationEngine(new HighsLinearSolver()).run(scenario);
  await runs.recordResult(jobId, { bidId, inputHash, result }, actor);

  const [found] = await dataSource.query<{ id: string; organisation_id: string }[]>(
    `SELECT id, organisation_id FROM members WHERE bid_id = $1 AND key = 'org-003'`,
    [bidId],
  );
  const member = required(found, 'the member org-003');
  const editor = await access.ensureUser('edition@org-003.test', 'Édition', [
    { role: 'EDITOR', organisationId: member.organisation_id },
  ]);
  const routes: Route[] = [
    { name: 'health (ceiling)', path: '/api/health', as: 'nobody' },
    { name: 'bid, coordinator', path: `/api/bids/${bidId}`, as: 'coordinator' },
    { name: 'bid, member', path: `/api/bids/${bidId}`, as: 'member' },
    {
      name: 'member’s offers',
      path: `/api/bids/${bidId}/members/${member.id}/offers`,
      as: 'member',
    },
    { name: 'offers', path: `/api/bids/${bidId}/offers`, as: 'coordinator' },
    { name: 'allocation version', path: `/api/bids/${bidId}/allocations/1`, as: 'coordinator' },
  ];
  return { routes, users: { coordinator, member: editor } };
}

interface RunningApi {
  process: ChildProcess;
  base: string;
  /** SQL statements logged so far (the counting api only). */
  statements: () => number;
}

async function startApi(env: Record<string, string>, countStatements: boolean) {
  const port = await freePort();
  const entry = options.compiled ? COMPILED_ENTRY : SOURCE_ENTRY;
  const profile = options['cpu-prof'];
  const profiling = profile && !countStatements ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...profiling, ...entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...env,
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      DATABASE_LOG_QUERIES: String(countStatements),
    },
    // The request log goes where production's goes: out of the process, unread here.
    stdio: ['ignore', countStatements ? 'pipe' : 'ignore', 'inherit'],
  });
  let statements = 0;
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    // TypeORM's console logger: one "query: …" line per statement sent (pino's lines are JSON).
    statements += lines.filter((line) => !line.startsWith('{') && line.includes('query:')).length;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited (${child.exitCode})`);
    const ready = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the api did not start within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { process: child, base, statements: () => statements } satisfies RunningApi;
}

async function stopApi(api: RunningApi): Promise<void> {
  if (api.process.exitCode !== null) return;
  const exited = new Promise((resolve) => api.process.once('exit', resolve));
  api.process.kill('SIGTERM');
  await exited;
}

/** Signs in through the real flow (a login token exchanged for a session): its cookie. */
async function sessionCookie(
  context: INestApplicationContext,
  base: string,
  user: { id: string; email: string },
): Promise<string> {
  const token = await issueLoginToken(context, { email: user.email, userId: user.id });
  const response = await fetch(`${base}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 201) throw new Error(`sign-in answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .find((header) => header.startsWith('cordage_session='));
  return required(cookie, 'the session cookie').split(';')[0] ?? '';
}

/** The api's connections to its database, as Postgres lists them. */
async function postgresBackends(dataSource: DataSource): Promise<number[]> {
  const rows = await dataSource.query<{ pid: number }[]>(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND application_name <> 'cordage-bench'
        AND pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.pid);
}

type LoadTool = typeof withWrk;

async function load(
  tool: LoadTool,
  api: RunningApi,
  dataSource: DataSource,
  path: string,
  cookie: string | undefined,
  seconds: number,
): Promise<Figures> {
  const pid = required(api.process.pid, 'the api process');
  const apiBefore = cpuOf([pid]);
  const postgresBefore = cpuOf(await postgresBackends(dataSource));
  const result = await tool(`${api.base}${path}`, cookie, seconds);
  const postgresAfter = cpuOf(await postgresBackends(dataSource));
  const apiAfter = cpuOf([pid]);
  const requests = Math.max(1, result.requests);
  return {
    ...result,
    apiCpuMs: (cpuBetween(apiBefore, apiAfter) * 1000) / requests,
    postgresCpuMs: (cpuBetween(postgresBefore, postgresAfter) * 1000) / requests,
  };
}

async function withAutocannon(url: string, cookie: string | undefined, seconds: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  } satisfies LoadResult;
}

/** wrk's own summary, printed as JSON by its Lua hook (latencies in microseconds). */
const WRK_SUMMARY = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"us":%d,"p50":%d,"p99":%d,"failures":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end`;

async function withWrk(url: string, cookie: string | undefined, seconds: number) {
  const script = path.join(tmpdir(), `${DATABASE}_summary.lua`);
  await writeFile(script, WRK_SUMMARY);
  const { stdout } = await promisify(execFile)('wrk', [
    '--threads',
    '1',
    '--connections',
    String(CONNECTIONS),
    '--duration',
    `${seconds}s`,
    '--script',
    script,
    ...(cookie ? ['--header', `Cookie: ${cookie}`] : []),
    url,
  ]);
  const summary = JSON.parse(stdout.slice(stdout.lastIndexOf('{'))) as {
    requests: number;
    us: number;
    p50: number;
    p99: number;
    failures: number;
  };
  return {
    requestsPerSecond: summary.requests / (summary.us / 1e6),
    requests: summary.requests,
    p50: summary.p50 / 1000,
    p99: summary.p99 / 1000,
    failures: summary.failures,
  } satisfies LoadResult;
}

async function main(): Promise<void> {
  if (options.compiled && !existsSync(path.join(REPO_ROOT, ...COMPILED_ENTRY))) {
    throw new Error('--compiled needs the build: npm run build');
  }
  const url = await createMigratedDatabase(DATABASE);
  // The bench's own connections are told apart from the api's: only the api's CPU is counted.
  process.env.DATABASE_URL = `${url}?application_name=cordage-bench`;
  const documentsDir = path.join(tmpdir(), `${DATABASE}_documents`);
  const apiEnv = {
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: DATABASE,
    DOCUMENTS_DIR: documentsDir,
    // One client from one address: the per-IP limit would cut the load, not the api.
    RATE_LIMIT_PER_MINUTE: '100000000',
    SIGNING_MASTER_KEY: randomBytes(32).toString('base64'),
    COOKIE_SECURE: 'false',
    NODE_ENV: 'production',
    MAIL_MODE: 'log',
    DEMO_MODE: 'true',
    LOG_LEVEL: 'info',
  };
  const { context, dataSource } = await openTestPersistence();
  let api: RunningApi | undefined;
  try {
    const { routes, users } = await prepare(context, dataSource);

    // Statements per request, from an api that logs its SQL (not the one measured).
    api = await startApi(apiEnv, true);
    let cookies = {
      coordinator: await sessionCookie(context, api.base, users.coordinator),
      member: await sessionCookie(context, api.base, users.member),
    };
    const statementsPerRequest = new Map<string, number>();
    const bodyBytes = new Map<string, number>();
    for (const route of routes) {
      const headers = route.as === 'nobody' ? undefined : { cookie: cookies[route.as] };
      const read = async () => {
        const response = await fetch(`${api?.base}${route.path}`, { headers });
        if (!response.ok) throw new Error(`${route.path} answered ${response.status}`);
        bodyBytes.set(route.name, (await response.arrayBuffer()).byteLength);
      };
      await read();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const before = api.statements();
      for (let i = 0; i < COUNTED_REQUESTS; i++) await read();
      await new Promise((resolve) => setTimeout(resolve, 200));
      statementsPerRequest.set(route.name, (api.statements() - before) / COUNTED_REQUESTS);
    }
    await stopApi(api);

    api = await startApi(apiEnv, false);
    cookies = {
      coordinator: await sessionCookie(context, api.base, users.coordinator),
      member: await sessionCookie(context, api.base, users.member),
    };
    const entry = options.compiled ? 'compiled JavaScript (dist)' : 'sources, runtime compiler';
    const toolName = options.tool ?? ((await hasWrk()) ? 'wrk' : 'autocannon');
    const tool = toolName === 'wrk' ? withWrk : withAutocannon;
    console.log(
      `api from ${entry}; ${toolName}, ${CONNECTIONS} connections, ${DURATION_S} s per route, ` +
        `${ROUNDS} round(s), medians`,
    );
    const figures = new Map<string, Figures[]>(routes.map((route) => [route.name, []]));
    const ratios = new Map<string, number[]>(routes.map((route) => [route.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      let ceiling = 0;
      for (const route of routes) {
        const cookie = route.as === 'nobody' ? undefined : cookies[route.as];
        await load(tool, api, dataSource, route.path, cookie, 2); // warm-up: JIT, plans, pools
        const measured = await load(tool, api, dataSource, route.path, cookie, DURATION_S);
        if (route.as === 'nobody') ceiling = measured.requestsPerSecond;
        figures.get(route.name)?.push(measured);
        ratios.get(route.name)?.push(measured.requestsPerSecond / ceiling);
      }
    }
    console.log(
      'route                 req/s   p50 (ms)  p99 (ms)  of ceiling  SQL/request  ' +
        'CPU ms/request: api  Postgres  failed  body (kB)',
    );
    for (const route of routes) {
      const runs = figures.get(route.name) ?? [];
      const line = [
        route.name.padEnd(20),
        median(runs.map((run) => run.requestsPerSecond))
          .toFixed(0)
          .padStart(6),
        median(runs.map((run) => run.p50))
          .toFixed(0)
          .padStart(10),
        median(runs.map((run) => run.p99))
          .toFixed(0)
          .padStart(9),
        `${(median(ratios.get(route.name) ?? []) * 100).toFixed(0)} %`.padStart(11),
        (statementsPerRequest.get(route.name) ?? 0).toFixed(1).padStart(12),
        median(runs.map((run) => run.apiCpuMs))
          .toFixed(2)
          .padStart(20),
        median(runs.map((run) => run.postgresCpuMs))
          .toFixed(2)
          .padStart(9),
        String(runs.reduce((total, run) => total + run.failures, 0)).padStart(7),
        ((bodyBytes.get(route.name) ?? 0) / 1000).toFixed(1).padStart(10),
      ];
      console.log(line.join(' '));
    }
    console.log('target: 500 req/s and p99 < 100 ms on the bid, its members and its allocation');
  } finally {
    if (api) await stopApi(api);
    await context.close();
    await dropDatabase(DATABASE);
    await rm(documentsDir, { recursive: true, force: true });
    await forgetQueues(DATABASE);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

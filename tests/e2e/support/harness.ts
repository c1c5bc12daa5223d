import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '@cordage/api/app.module';
import { configureApp } from '@cordage/api/bootstrap';
import { OutboxRelay } from '@cordage/application';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The api exactly as main.ts builds it, on the test database and Redis. */
export async function startApi(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(
    moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true }),
  );
  await app.init();
  return app;
}

/** The worker module in this process, relay running, as apps/worker/src/main.ts starts it. */
export async function startWorkerInProcess(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('@cordage/worker/worker.module');
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  worker.get(OutboxRelay).start();
  return worker;
}

/** A real worker process, started the way an operator starts one. */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin', 'run.js'), 'apps/worker/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.pipe(process.stderr);
  return child;
}

/** A port nobody listens on now, for a process started next. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real api process, started the way an operator starts one, on a port of its own: its base URL
 * once /api/health answers.
 */
export async function spawnApi(
  env: Record<string, string> = {},
): Promise<{ process: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin', 'run.js'), 'apps/api/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.pipe(process.stderr);
  const url = `http://127.0.0.1:${port}`;
  // Start-up from the sources takes seconds, more on a busy machine.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { process: child, url };
    if (Date.now() > deadline) {
      await stopProcess(child, 'SIGKILL');
      throw new Error('the api did not answer /api/health within 120 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export interface JobStatusBody {
  state: string;
  progress: number;
  step: string | null;
  result: { bidId: string; counts: Record<string, number> } | null;
  failure: { code: string; message: string; problems: unknown[] } | null;
  failedReason: string | null;
}

/** Polls GET /api/jobs/:id until `done` says so; every status seen is kept for assertions. */
export async function pollJob(
  agent: { get(url: string): request.Test },
  jobId: string,
  done: (status: JobStatusBody) => boolean = (s) => s.state === 'completed' || s.state === 'failed',
  // Well above a job's time on an idle machine, below the e2e tests' own timeout (180 s).
  timeoutMs = 120_000,
): Promise<{ last: JobStatusBody; seen: JobStatusBody[] }> {
  const seen: JobStatusBody[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await agent.get(`/api/jobs/${jobId}`);
    // A 503 says Redis did not answer within the api's deadline (a busy machine): a client asks
    // again, as the web app does.
    if (response.status !== 503) {
      expect(response.status).toBe(200);
      const status = response.body as JobStatusBody;
      seen.push(status);
      if (done(status)) return { last: status, seen };
    }
    if (Date.now() > deadline)
      throw new Error(
        `job ${jobId} not done after ${timeoutMs} ms (last answer ${response.status})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function agentFor(app: INestApplication): TestAgent {
  return request(app.getHttpServer());
}

/** The body of a download as bytes, whatever its type: supertest buffers only the types it knows. */
export function asBytes(test: request.Test): request.Test {
  return test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

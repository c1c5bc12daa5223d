import type { WorkerEnv } from '@cordage/config';
import { AllocationEngine, DomainError } from '@cordage/domain';
import { HighsLinearSolver } from '@cordage/solver';
import { exampleScenario } from '@cordage/testing';
import { CpuPool } from './cpu-pool';

/** The longest pause of this event loop while `work` runs, sampled every 10 ms. */
async function longestPause<T>(work: () => Promise<T>): Promise<{ value: T; pauseMs: number }> {
  let pauseMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    pauseMs = Math.max(pauseMs, now - last);
    last = now;
  }, 10);
  try {
    const value = await work();
    return { value, pauseMs };
  } finally {
    clearInterval(timer);
  }
}

describe('CpuPool (real worker threads, TypeScript loaded as bin/run.js does)', () => {
  const pool = new CpuPool({ WORKER_CONCURRENCY: 2 } as WorkerEnv);
  const scenario = exampleScenario({ extraMembers: 120 });

  afterAll(() => pool.onApplicationShutdown());

  it('solves in a thread the same allocation as here, this event loop staying free', async () => {
    // On this thread, the solver holds the event loop for most of the run: the lock could not
    // be renewed meanwhile. In the pool, the loop stays free.
    const here = await longestPause(() =>
      new AllocationEngine(new HighsLinearSolver()).run(scenario),
    );
    await pool.run('allocate', { scenario: exampleScenario() }); // the thread started and warm
    const steps: number[] = [];
    const there = await longestPause(() =>
      pool.run('allocate', { scenario }, (percent) => {
        steps.push(percent);
      }),
    );
    console.log(
      `longest event-loop pause: ${Math.round(here.pauseMs)} ms solving here, ` +
        `${Math.round(there.pauseMs)} ms solving in the pool`,
    );
    expect(there.value).toEqual(here.value.result);
    expect(there.pauseMs).toBeLessThan(here.pauseMs / 2);
    // Progress arrives in order, all of it before the result.
    expect(steps.length).toBeGreaterThan(1);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  }, 120_000);

  it('gives a domain error back as one, with its problems (the job is then not retried)', async () => {
    const invalid = { ...exampleScenario(), format: 'autre/1' };
    const failure: unknown = await pool
      .run('allocate', { scenario: invalid })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).problems.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses new work once shutting down, after the work under way is done', async () => {
    const underWay = pool.run('allocate', { scenario: exampleScenario() });
    const closing = pool.onApplicationShutdown();
    await expect(pool.run('allocate', { scenario: exampleScenario() })).rejects.toThrow(
      'shutting down',
    );
    expect((await underWay).lines.length).toBeGreaterThan(0);
    await closing;
  }, 60_000);
});

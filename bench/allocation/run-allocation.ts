// One measured allocation, in a process of its own (forked by allocation.bench.ts) so that its
// peak RSS is its own, as when `cordage allocate` runs. Reports its figures over IPC.
import { readFile } from 'node:fs/promises';
import {
  AllocationEngine,
  type AllocationOptima,
  type LinearSolver,
  type LpModel,
  type LpSolution,
  type LpSolveOptions,
  allocationResultJson,
  validateScenario,
  at,
} from '@cordage/domain';
import { HighsLinearSolver } from '@cordage/solver';
import { straightLpOptima } from './straight-lp-baseline';
import { answerParentOnce } from '../measured-child';

export type AllocationPath = 'engine' | 'baseline';

export interface AllocationRequest {
  path: AllocationPath;
  file: string;
}

export interface AllocationFigures {
  /** From validation to the result JSON (engine) or to the third optimum (baseline). */
  seconds: number;
  /**
   * The CPU time of the same span. HiGHS-WASM and the engine run on the one main thread, so on an
   * idle machine it is the elapsed time; on a busy one (CI, engineers side by side) the elapsed
   * time also counts the other processes' turns, and only this compares two runs fairly.
   */
  cpuSeconds: number;
  maxRssBytes: number;
  optima: AllocationOptima;
  /** Seconds inside the solver, stage by stage (engine only): the rest is model building and JS. */
  solverSeconds?: number[];
  /** Size of the result JSON (engine only): the work is done, not skipped. */
  resultBytes?: number;
}

async function measure(request: AllocationRequest): Promise<AllocationFigures> {
  const input: unknown = JSON.parse(await readFile(request.file, 'utf8'));
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  let optima: AllocationOptima;
  let resultBytes: number | undefined;
  let solverSeconds: number[] | undefined;
  if (request.path === 'engine') {
    const solver = new StageTimedSolver(new HighsLinearSolver());
    const { result } = await new AllocationEngine(solver).run(input);
    solverSeconds = solver.seconds;
    resultBytes = Buffer.byteLength(allocationResultJson(result));
    optima = result.optima;
  } else {
    const validation = validateScenario(input);
    if (!validation.ok) throw new Error(`invalid scenario: ${at(validation.problems, 0).message}`);
    optima = await straightLpOptima(validation.scenario);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(startedCpu);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // maxRSS is in kibibytes.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  return { seconds, cpuSeconds, maxRssBytes, optima, resultBytes, solverSeconds };
}

/** Times each solve (a stage, or a stage solved again from scratch after a refused answer). */
class StageTimedSolver implements LinearSolver {
  readonly seconds: number[] = [];
  constructor(private readonly solver: LinearSolver) {}
  async solve(model: LpModel, options?: LpSolveOptions): Promise<LpSolution> {
    const started = performance.now();
    const solution = await this.solver.solve(model, options);
    this.seconds.push((performance.now() - started) / 1000);
    return solution;
  }
}

answerParentOnce(measure);

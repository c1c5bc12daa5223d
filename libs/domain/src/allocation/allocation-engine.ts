import { DomainError, DomainErrorCode, type Problem } from '../errors';
import {
  MAX_REPORTED_PROBLEMS,
  type ProgressReporter,
  type Scenario,
  validateScenario,
} from '../scenario';
import {
  type AllocationInput,
  allocationInputProblems,
  buildAllocationInput,
} from './allocation-input';
import type { AllocationResult } from './allocation-result';
import { AllocationStages, stageTolerance } from './allocation-stages';
import { allocationWarnings } from './allocation-warnings';
import { type Apportionment, apportion } from './apportionment';
import { checkCompositionRules } from './composition-rules';
import { explainAllocation } from './explain-allocation';
import { checkLpSolution } from './lp/check-lp-solution';
import type { LinearSolver, LpBasis, LpMethod, LpSolution } from './lp/linear-solver.port';
import type { LpModel } from './lp/lp-model';
import { extendBasis } from './lp/warm-start';
import { reportedHours } from './micro-hours';
import { at } from '../invariants';

/** The steps reported to `onProgress`, with the percentage reached when each begins. */
export const ALLOCATION_STEPS = {
  validating: 0,
  coverage: 10,
  proximity: 40,
  fairness: 60,
  apportioning: 90,
} as const;
export type AllocationStep = keyof typeof ALLOCATION_STEPS;

export interface AllocationOptions {
  onProgress?: ProgressReporter;
}

/** The three stage models as solved, for anyone to solve again (`cordage allocate --emit-lp`). */
export interface AllocationModels {
  readonly coverage: LpModel;
  readonly proximity: LpModel;
  readonly fairness: LpModel;
}

export interface AllocationOutcome {
  /** The scenario as validated: what the result describes. */
  readonly scenario: Scenario;
  readonly result: AllocationResult;
  readonly models: AllocationModels;
}

/** The solver answered "optimal" with a solution that does not hold, even when solved afresh. */
export class AllocationSolverError extends Error {
  constructor(
    readonly step: AllocationStep,
    readonly problems: readonly string[],
  ) {
    super(
      `Étape ${step} : le solveur annonce un optimum que la vérification refuse ` +
        `(${problems.slice(0, 3).join(' ; ')}${problems.length > 3 ? ' ; …' : ''}).`,
    );
    this.name = 'AllocationSolverError';
  }
}

export function invalidAllocationInputError(problems: readonly Problem[]): DomainError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  return new DomainError(
    DomainErrorCode.INVALID_SCENARIO,
    `Le fichier de scénario contient ${problems.length} erreur${problems.length > 1 ? 's' : ''}` +
      (shown.length < problems.length ? ` (les ${shown.length} premières sont listées)` : '') +
      ' ; rien n’a été calculé.',
    shown,
    { problemCount: problems.length },
  );
}

/**
 * The allocation of shared/docs/allocation.md: validates a scenario, solves the three
 * lexicographic stages (each model extending the previous one and starting from its basis),
 * checks every solution independently of the solver, then apportions hours, money and insertion
 * hours and explains the outcome to each member.
 */
export class AllocationEngine {
  constructor(private readonly solver: LinearSolver) {}

  async run(input: unknown, options: AllocationOptions = {}): Promise<AllocationOutcome> {
    const progress = (step: AllocationStep) => options.onProgress?.(ALLOCATION_STEPS[step], step);

    await progress('validating');
    const validation = validateScenario(input);
    if (!validation.ok) throw invalidAllocationInputError(validation.problems);
    const problems = allocationInputProblems(validation.scenario);
    if (problems.length > 0) throw invalidAllocationInputError(problems);
    const allocation = buildAllocationInput(validation.scenario);
    const stages = new AllocationStages(allocation);

    await progress('coverage');
    const coverage = stages.coverage();
    const costFree = await this.solveCostFree(stages, coverage);
    const coverageSolution = await this.solveStage(
      'coverage',
      coverage,
      costFree ? stages.costFreeStart(costFree.basis) : stages.uncoveredBasis(coverage),
      'dual-simplex',
    );

    // Which simplex goes on faster from the previous basis was measured on the bench instances:
    // the dual one for stage 2 (a new objective, one new row), the primal one for stage 3 (the
    // previous optimum stays feasible and only u moves the objective; over 25 times faster on L).
    // Where PRIMARY offers alone cover as much as stage 1 did, their point costs nothing: optimal
    // for stage 2 (W* = 0, costs are never negative), so stage 2 starts there and ends at once
    // (from stage 1's basis, the dual simplex spent thousands of iterations taking back the
    // SECONDARY hours stage 1 used at random: 10 s of 12 on a full-coverage M).
    await progress('proximity');
    const proximity = stages.proximity(coverageSolution.objective);
    const coveredAsMuch =
      costFree !== undefined &&
      costFree.objective <= coverageSolution.objective + stageTolerance(coverageSolution.objective);
    const proximitySolution = await this.solveStage(
      'proximity',
      proximity,
      coveredAsMuch ? stages.costFreeStart(costFree.basis) : coverageSolution.basis,
      'dual-simplex',
    );

    await progress('fairness');
    const fairness = stages.fairness(proximitySolution.objective);
    const fairnessSolution = await this.solveStage(
      'fairness',
      fairness,
      proximitySolution.basis,
      'primal-simplex',
    );

    await progress('apportioning');
    const optima = {
      coverage: coverageSolution.objective,
      proximity: proximitySolution.objective,
      fairness: fairnessSolution.objective,
    };
    const apportionment = apportion(allocation, fairnessSolution.columnValues);
    const result: AllocationResult = {
      ...resultLists(allocation, apportionment),
      optima,
      rules: checkCompositionRules(allocation, apportionment),
      warnings: allocationWarnings(allocation, apportionment),
      explanations: explainAllocation(allocation, apportionment, optima.fairness),
    };
    return { scenario: validation.scenario, result, models: { coverage, proximity, fairness } };
  }

  /**
   * Stage 1 with the SECONDARY offers held at zero (AllocationStages.costFreeCoverage), solved
   * first: without the offers that only duplicate others it solves 4 to 10 times faster than
   * stage 1, and its optimum, feasible for stage 1, starts it a few pivots from the end (on the
   * bench's families at M, 0.25 to 0.6 s for both against 1 to 1.6 s for stage 1 from nothing
   * covered). Only a start, never an answer: each stage solved from it is checked as usual.
   * None when no offer costs anything, or when this solve ends without an optimum and a basis.
   */
  private async solveCostFree(
    stages: AllocationStages,
    coverage: LpModel,
  ): Promise<(LpSolution & { basis: LpBasis }) | undefined> {
    const costFree = stages.costFreeCoverage(coverage);
    if (!costFree) return undefined;
    const solution = await this.solver.solve(costFree, {
      start: stages.uncoveredBasis(coverage),
      method: 'dual-simplex',
    });
    const { basis } = solution;
    return solution.status === 'optimal' && basis ? { ...solution, basis } : undefined;
  }

  /**
   * Solves one stage and accepts the answer only once checked (lp/check-lp-solution). A warm start
   * that goes astray gets one more chance from scratch before the stage is refused.
   */
  private async solveStage(
    step: AllocationStep,
    model: LpModel,
    previous?: LpBasis,
    method?: LpMethod,
  ): Promise<LpSolution> {
    const start = previous && extendBasis(previous, model);
    let solution = await this.solver.solve(model, { start, method });
    let problems = verdict(model, solution);
    if (problems.length > 0 && start) {
      solution = await this.solver.solve(model);
      problems = verdict(model, solution);
    }
    if (problems.length > 0) throw new AllocationSolverError(step, problems);
    return solution;
  }
}

function verdict(model: LpModel, solution: LpSolution): string[] {
  if (solution.status !== 'optimal') {
    return [`le solveur s’est arrêté sans optimum (${solution.statusText})`];
  }
  return checkLpSolution(model, solution);
}

/** The lines, member shares and uncovered cells of a result, each in its fixed order. */
export function resultLists(input: AllocationInput, apportionment: Apportionment) {
  const { lots, cells, members, offers } = input;
  const lines = apportionment.shares.flatMap((share) =>
    at(members, share.member)
      .offers.filter(
        (i) =>
          at(cells, at(offers, i).cell).lot === share.lot &&
          at(apportionment.offerMicroHours, i) > 0n,
      )
      .sort((a, b) => at(cells, at(offers, a).cell).index - at(cells, at(offers, b).cell).index)
      .map((i) => ({
        org: at(members, share.member).key,
        lot: at(lots, share.lot).number,
        territory: at(cells, at(offers, i).cell).territory,
        hours: reportedHours(at(apportionment.offerMicroHours, i)),
      })),
  );
  return {
    lines,
    members: apportionment.shares.map((share) => ({
      org: at(members, share.member).key,
      lot: at(lots, share.lot).number,
      hours: reportedHours(share.microHours),
      amountCents: share.amountCents,
      sharePermille: share.sharePermille,
      insertionHours: share.insertionHours,
    })),
    uncovered: apportionment.uncovered.map((cell) => ({
      lot: at(lots, at(cells, cell.cell).lot).number,
      territory: at(cells, cell.cell).territory,
      hours: reportedHours(cell.microHours),
      amountCents: cell.amountCents,
      insertionHours: cell.insertionHours,
    })),
  };
}

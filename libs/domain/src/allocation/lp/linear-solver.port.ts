import type { LpModel } from './lp-model';

/**
 * Where each variable (column) or constraint slack (row) stands in a simplex basis; one byte each,
 * so that a basis of 400,000 columns stays small.
 */
export const LpBasisStatus = {
  atLower: 0,
  basic: 1,
  atUpper: 2,
  /** A nonbasic free variable at zero. */
  atZero: 3,
} as const;
export type LpBasisStatus = (typeof LpBasisStatus)[keyof typeof LpBasisStatus];

/** A simplex basis, to start a related model from where the previous one ended (warm start). */
export interface LpBasis {
  readonly columns: Uint8Array;
  readonly rows: Uint8Array;
}

/** A hint on which simplex to run; from a warm start the faster one depends on the model. */
export type LpMethod = 'primal-simplex' | 'dual-simplex';

export interface LpSolveOptions {
  start?: LpBasis;
  method?: LpMethod;
}

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'failed';

export interface LpSolution {
  readonly status: LpStatus;
  /** The solver's own word for how it ended, for messages. */
  readonly statusText: string;
  readonly objective: number;
  readonly columnValues: Float64Array;
  /** Dual values of the rows: with them the engine checks optimality on its own (see lp-check). */
  readonly rowDuals: Float64Array;
  /** The final basis, when the solver has one. */
  readonly basis?: LpBasis;
}

/** The port to a linear-programming solver (adapter: libs/solver, HiGHS). */
export interface LinearSolver {
  solve(model: LpModel, options?: LpSolveOptions): Promise<LpSolution>;
}

import type { Highs } from 'highs';

/**
 * HiGHS configurations a checker tries, each on its own: on models with coefficients from 1e-10 to
 * 1e-1 (a lot of a few cents beside caps of millions), HiGHS's presolve and its scaling each call
 * some feasible models infeasible, or stop short of the optimum and say Optimal.
 */
const CHECKER_OPTIONS = [
  {},
  { presolve: 'off' },
  { simplex_scale_strategy: 0 },
  { presolve: 'off', simplex_scale_strategy: 0 },
] as const;

/**
 * Solves an LP file's text from scratch, as someone checking the engine would: the best optimum
 * any configuration reaches. An engine short of the optimum is caught by the configurations that
 * do better; an engine past it (an infeasible answer) by none reaching its value.
 */
export function checkedOptimumOfLpText(
  highs: Highs,
  text: string,
  sense: 'minimize' | 'maximize',
): number {
  const solutions = CHECKER_OPTIONS.map((options) =>
    highs.solve(text, { output_flag: false, ...options }),
  );
  const optima = solutions.flatMap((solution) =>
    solution.Status === 'Optimal' ? [solution.ObjectiveValue] : [],
  );
  if (optima.length === 0) {
    throw new Error(`LP check: HiGHS says ${solutions.map((s) => s.Status).join(', ')}`);
  }
  return sense === 'minimize' ? Math.min(...optima) : Math.max(...optima);
}

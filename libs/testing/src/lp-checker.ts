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
 * How far past a bound a checker's solution may go and still count as strictly feasible. Within
 * HiGHS's own tolerance (1e-7), an unscaled solve bought 0.1 off a proximity optimum by crossing a
 * revenue row (divided by its cap) by 1e-8: a fifth of a cent on a 200,000 € cap.
 */
const STRICT_FEASIBILITY = 1e-9;

interface Bounded {
  Lower: number;
  Upper: number;
  Primal: number;
}

const beyondBounds = (item: Bounded) =>
  Math.max(item.Lower - item.Primal, item.Primal - item.Upper);

/** What the checker's solves say of a model's optimum. */
export interface CheckedOptimum {
  /** The best optimum of the solutions that keep every row and bound strictly (else `reach`). */
  optimum: number;
  /** The best any configuration reached, crossing bounds within HiGHS's tolerance included. */
  reach: number;
  sense: 'minimize' | 'maximize';
}

/**
 * Solves an LP file's text from scratch, as someone checking the engine would, in each
 * configuration. An engine's optimum is confirmed when it lies between `optimum` and `reach`:
 * an engine short of a strictly feasible solution, or past what any solve reaches (an
 * infeasible answer), is not.
 */
export function checkLpText(
  highs: Highs,
  text: string,
  sense: 'minimize' | 'maximize',
): CheckedOptimum {
  const answers = CHECKER_OPTIONS.map((options) => {
    const solution = highs.solve(text, { output_flag: false, ...options });
    if (solution.Status !== 'Optimal') return { said: solution.Status, value: null, strict: false };
    const columns = Object.values(solution.Columns as Record<string, Bounded>);
    const items: Bounded[] = [...solution.Rows, ...columns];
    const crossing = Math.max(0, ...items.map(beyondBounds));
    return {
      said: 'Optimal',
      value: solution.ObjectiveValue,
      strict: crossing <= STRICT_FEASIBILITY,
    };
  });
  const best = (values: number[]) =>
    sense === 'minimize' ? Math.min(...values) : Math.max(...values);
  const reached = answers.flatMap((answer) => (answer.value === null ? [] : [answer.value]));
  if (reached.length === 0) {
    throw new Error(`LP check: HiGHS says ${answers.map((answer) => answer.said).join('; ')}`);
  }
  const strict = answers.flatMap((answer) =>
    answer.value !== null && answer.strict ? [answer.value] : [],
  );
  const reach = best(reached);
  return { optimum: strict.length > 0 ? best(strict) : reach, reach, sense };
}

/** Whether `value` is confirmed by the check, to `relative` x max(1, |value|). */
export function confirmedOptimum(value: number, check: CheckedOptimum, relative = 1e-6): boolean {
  const slack = relative * Math.max(1, Math.abs(value));
  const [low, high] =
    check.sense === 'minimize' ? [check.reach, check.optimum] : [check.optimum, check.reach];
  return value >= low - slack && value <= high + slack;
}

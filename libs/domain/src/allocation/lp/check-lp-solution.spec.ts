import { checkLpSolution } from './check-lp-solution';
import type { LpSolution } from './linear-solver.port';
import { type LpModel, LpModelBuilder, type LpObjectiveSense } from './lp-model';

/** opt x + k y subject to x + y (>= or <=) 2, x - y <= 1, 0 <= x <= 3, y >= 0. */
function model(sense: LpObjectiveSense, firstRow: '>=' | '<=', yCost: number): LpModel {
  const builder = new LpModelBuilder();
  const x = builder.addColumn('x', 0, 3);
  const y = builder.addColumn('y', 0, Infinity);
  builder.addRow('sum', firstRow, 2, [x, y], [1, 1]);
  builder.addRow('difference', '<=', 1, [x, y], [1, -1]);
  return builder.build([], sense, Float64Array.from([1, yCost]));
}

function solution(values: number[], objective: number, duals: number[]): LpSolution {
  return {
    status: 'optimal',
    statusText: 'optimal',
    objective,
    columnValues: Float64Array.from(values),
    rowDuals: Float64Array.from(duals),
  };
}

describe('checkLpSolution', () => {
  const minimum = model('minimize', '>=', 2); // optimum x = 1.5, y = 0.5, value 2.5

  it('accepts an optimum that its duals prove', () => {
    expect(checkLpSolution(minimum, solution([1.5, 0.5], 2.5, [1.5, -0.5]))).toEqual([]);
  });

  it('accepts a maximum, its duals given the way HiGHS gives them', () => {
    const maximum = model('maximize', '<=', 1); // max x + y, x + y <= 2: value 2
    expect(checkLpSolution(maximum, solution([1.5, 0.5], 2, [1, 0]))).toEqual([]);
  });

  it('refuses a point outside a bound or a row, naming it', () => {
    expect(checkLpSolution(minimum, solution([3.5, 0], 3.5, [1, 0]))).toContainEqual(
      expect.stringContaining('x = 3.5 au-dessus de sa borne 3'),
    );
    const problems = checkLpSolution(minimum, solution([1, 0.5], 2, [1.5, -0.5]));
    expect(problems).toContainEqual(
      expect.stringContaining('la contrainte sum vaut 1.5 pour >= 2'),
    );
  });

  it('refuses an objective that is not the one of the point', () => {
    expect(checkLpSolution(minimum, solution([1.5, 0.5], 2.4, [1.5, -0.5]))).toContainEqual(
      expect.stringContaining('l’objectif annoncé 2.4 diffère de celui de la solution 2.5'),
    );
  });

  it('refuses a feasible point that is not optimal, whatever duals come with it', () => {
    // x = 0, y = 2 is feasible with value 4; the optimum is 2.5.
    for (const duals of [
      [1.5, -0.5],
      [2, 0],
      [1, 0],
      [0, 0],
    ]) {
      expect(checkLpSolution(minimum, solution([0, 2], 4, duals))).toContainEqual(
        expect.stringContaining('l’optimum n’est pas démontré'),
      );
    }
  });

  it('counts a tiny wrong-sign reduced cost on an unbounded side as zero, a real one not', () => {
    // y has no upper bound; its reduced cost is 2 - sum dual + difference dual: -1e-9 here...
    expect(checkLpSolution(minimum, solution([1.5, 0.5], 2.5, [1.5 + 1e-9, -0.5]))).toEqual([]);
    // ...and -1 here, which would let the objective fall without limit: no bound, no proof.
    expect(checkLpSolution(minimum, solution([1.5, 0.5], 2.5, [2.5, -0.5]))).toContainEqual(
      expect.stringContaining('l’optimum n’est pas démontré'),
    );
  });

  it('refuses a solution that does not fit the model', () => {
    expect(checkLpSolution(minimum, solution([1], 1, [0, 0]))).toEqual([
      'la solution a 1 variables et 2 duales, le modèle 2 variables et 2 contraintes',
    ]);
  });
});

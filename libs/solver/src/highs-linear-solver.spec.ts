import { LpModelBuilder, checkLpSolution, extendBasis, required } from '@cordage/domain';
import { HighsLinearSolver } from './highs-linear-solver';

const solver = new HighsLinearSolver();

/** max 3x + 2y subject to x + y <= 4, x + 3y <= 6, 0 <= x <= 3, y >= 0: x = 3, y = 1, value 11. */
function production() {
  const builder = new LpModelBuilder();
  const x = builder.addColumn('x', 0, 3);
  const y = builder.addColumn('y', 0, Infinity);
  builder.addRow('hours', '<=', 4, [x, y], [1, 1]);
  builder.addRow('material', '<=', 6, [x, y], [1, 3]);
  return { builder, model: builder.build([], 'maximize', Float64Array.from([3, 2])) };
}

describe('HighsLinearSolver', () => {
  it('solves a model given as arrays, with duals that prove the optimum', async () => {
    const { model } = production();
    const solution = await solver.solve(model);
    expect(solution.status).toBe('optimal');
    expect(solution.objective).toBeCloseTo(11, 12);
    expect(Array.from(solution.columnValues)).toEqual([3, 1]);
    expect(checkLpSolution(model, solution)).toEqual([]);
  });

  it('starts a larger model from the basis of a smaller one and reaches its optimum', async () => {
    const { builder, model } = production();
    const first = await solver.solve(model);
    builder.addRow('labour', '>=', 1.5, [1], [1]); // y >= 1.5: x = y = 1.5, value 7.5
    const larger = builder.build([], 'maximize', Float64Array.from([3, 2]));
    const start = extendBasis(required(first.basis, 'the basis of the first solve'), larger);
    for (const method of ['primal-simplex', 'dual-simplex'] as const) {
      const second = await solver.solve(larger, { start, method });
      expect(second.status).toBe('optimal');
      expect(second.objective).toBeCloseTo(7.5, 12);
      expect(checkLpSolution(larger, second)).toEqual([]);
    }
  });

  it('says when a model has no solution', async () => {
    const builder = new LpModelBuilder();
    const x = builder.addColumn('x', 0, 1);
    builder.addRow('impossible', '>=', 2, [x], [1]);
    const solution = await solver.solve(builder.build([], 'minimize', Float64Array.from([1])));
    expect(solution.status).toBe('infeasible');
  });

  it('says when nothing bounds the objective', async () => {
    const builder = new LpModelBuilder();
    const x = builder.addColumn('x', 0, Infinity);
    builder.addRow('floor', '>=', 1, [x], [1]);
    const solution = await solver.solve(builder.build([], 'maximize', Float64Array.from([1])));
    expect(solution.status).not.toBe('optimal');
    expect(['unbounded', 'failed']).toContain(solution.status);
  });
});

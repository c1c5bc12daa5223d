import type { LpSolution } from './linear-solver.port';
import type { LpModel } from './lp-model';
import { at } from '../../invariants';

export interface LpTolerances {
  /** How far a bound or a row may be exceeded, relative to max(1, |bound|). */
  feasibility: number;
  /** A reduced cost this small counts as zero (the solvers' usual dual tolerance). */
  dualFeasibility: number;
  /** Largest accepted gap between the objective and its dual bound, relative to max(1, |objective|). */
  optimality: number;
}

export const LP_TOLERANCES: LpTolerances = {
  feasibility: 1e-6,
  dualFeasibility: 1e-7,
  optimality: 1e-6,
};

/** A sum of doubles with its rounding error carried along (Neumaier): close to exact. */
class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const total = this.sum + value;
    this.compensation +=
      Math.abs(this.sum) >= Math.abs(value) ? this.sum - total + value : value - total + this.sum;
    this.sum = total;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/** Whether `value` goes beyond `bound` (upwards) by more than the relative tolerance. */
function exceeds(value: number, bound: number, tolerance: number): boolean {
  return Number.isFinite(bound) && value - bound > tolerance * Math.max(1, Math.abs(bound));
}

/**
 * Checks a solution the solver calls optimal, without trusting the solver: every bound and every
 * row is evaluated again with compensated sums, the objective is recomputed, and the row duals are
 * turned into a lower bound on the objective (Lagrangian bound) that must meet it. Any vector of
 * duals gives a valid bound, so a wrong "Optimal" cannot pass: either a constraint is violated or
 * the bound falls short. Returns what is wrong, in French; empty when the solution holds.
 */
export function checkLpSolution(
  model: LpModel,
  solution: LpSolution,
  tolerances: LpTolerances = LP_TOLERANCES,
): string[] {
  const { columns, rows } = model;
  const x = solution.columnValues;
  const problems: string[] = [];
  if (x.length !== columns.names.length || solution.rowDuals.length !== rows.names.length) {
    return [
      `la solution a ${x.length} variables et ${solution.rowDuals.length} duales, ` +
        `le modèle ${columns.names.length} variables et ${rows.names.length} contraintes`,
    ];
  }

  for (let j = 0; j < x.length; j++) {
    const value = at(x, j);
    if (!Number.isFinite(value)) problems.push(`${columns.names[j]} vaut ${value}`);
    else if (exceeds(-value, -at(columns.lower, j), tolerances.feasibility)) {
      problems.push(`${columns.names[j]} = ${value} sous sa borne ${columns.lower[j]}`);
    } else if (exceeds(value, at(columns.upper, j), tolerances.feasibility)) {
      problems.push(`${columns.names[j]} = ${value} au-dessus de sa borne ${columns.upper[j]}`);
    }
  }

  for (let i = 0; i < rows.names.length; i++) {
    const activity = new CompensatedSum();
    for (let k = at(rows.starts, i); k < at(rows.starts, i + 1); k++) {
      activity.add(at(rows.values, k) * at(x, at(rows.columns, k)));
    }
    const value = activity.value;
    const rhs = at(rows.rhs, i);
    const sense = rows.senses[i];
    const over = sense !== '>=' && exceeds(value, rhs, tolerances.feasibility);
    const under = sense !== '<=' && exceeds(-value, -rhs, tolerances.feasibility);
    if (over || under) {
      problems.push(`la contrainte ${rows.names[i]} vaut ${value} pour ${sense} ${rhs}`);
    }
  }

  const objective = new CompensatedSum();
  for (let j = 0; j < x.length; j++)
    if (columns.cost[j] !== 0) objective.add(at(columns.cost, j) * at(x, j));
  const scale = Math.max(1, Math.abs(objective.value));
  if (Math.abs(objective.value - solution.objective) > tolerances.optimality * scale) {
    problems.push(
      `l’objectif annoncé ${solution.objective} diffère de celui de la solution ${objective.value}`,
    );
  }

  const bound = lagrangianBound(model, solution.rowDuals, tolerances.dualFeasibility);
  // Both in minimisation terms: a maximum is the opposite of a minimum.
  const sign = model.sense === 'minimize' ? 1 : -1;
  const gap = sign * objective.value - bound;
  if (!(gap <= tolerances.optimality * scale)) {
    problems.push(
      `l’optimum n’est pas démontré : écart de ${gap} entre l’objectif et sa borne duale`,
    );
  }
  return problems;
}

/**
 * The smallest value the objective (in minimisation terms) can take on the model's box given the
 * row duals: sum over rows of min(y * activity) plus sum over columns of min(reduced cost * x).
 * A dual of the wrong sign for its row would make that minimum -infinity; it is set to zero, which
 * keeps the bound valid. A reduced cost pointing to an infinite bound counts as zero within the
 * dual tolerance, and makes the bound `-Infinity` beyond it.
 */
function lagrangianBound(model: LpModel, rowDuals: Float64Array, zeroReducedCost: number): number {
  const { columns, rows } = model;
  const sign = model.sense === 'minimize' ? 1 : -1;
  const reducedCost = Float64Array.from(columns.cost, (cost) => sign * cost);
  const bound = new CompensatedSum();
  for (let i = 0; i < rows.names.length; i++) {
    const dual = sign * at(rowDuals, i);
    const sense = rows.senses[i];
    const usable = sense === '=' || (sense === '<=' ? dual <= 0 : dual >= 0);
    if (!usable || dual === 0) continue;
    bound.add(dual * at(rows.rhs, i));
    for (let k = at(rows.starts, i); k < at(rows.starts, i + 1); k++) {
      const column = at(rows.columns, k);
      reducedCost[column] = at(reducedCost, column) - dual * at(rows.values, k);
    }
  }
  for (let j = 0; j < reducedCost.length; j++) {
    const cost = at(reducedCost, j);
    if (cost === 0) continue;
    const atBound = at(cost > 0 ? columns.lower : columns.upper, j);
    if (Number.isFinite(atBound)) bound.add(cost * atBound);
    else if (Math.abs(cost) > zeroReducedCost) return -Infinity;
  }
  return bound.value;
}

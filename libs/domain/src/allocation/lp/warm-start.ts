import { type LpBasis, LpBasisStatus } from './linear-solver.port';
import type { LpModel } from './lp-model';

/**
 * A starting basis for `next`, a model that extends the one `basis` solved by appending columns
 * and rows: the new columns start at their lower bound, the new rows' slacks are basic. The point
 * is the previous optimum, feasible for `next` when the new rows hold there.
 */
export function extendBasis(basis: LpBasis, next: LpModel): LpBasis {
  const columns = new Uint8Array(next.columns.names.length).fill(LpBasisStatus.atLower);
  const rows = new Uint8Array(next.rows.names.length).fill(LpBasisStatus.basic);
  if (basis.columns.length > columns.length || basis.rows.length > rows.length) {
    throw new RangeError('the next model must extend the one the basis comes from');
  }
  columns.set(basis.columns);
  rows.set(basis.rows);
  return { columns, rows };
}

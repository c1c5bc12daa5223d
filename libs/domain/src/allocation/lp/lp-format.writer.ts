import type { LpModel } from './lp-model';
import { at } from '../../invariants';

/** Keeps lines short enough for every LP reader (GLPK's among them). */
const MAX_LINE_LENGTH = 100;

/** Shortest text that reads back as the same double: a re-solve sees the very same model. */
function formatNumber(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** ` + 3 x1 - x2 ...` as lines of at most MAX_LINE_LENGTH characters, starting with `head`. */
function writeExpression(
  out: string[],
  head: string,
  names: readonly string[],
  columns: ArrayLike<number>,
  values: ArrayLike<number>,
  tail: string,
): void {
  let line = head;
  for (let k = 0; k < columns.length; k++) {
    const value = at(values, k);
    const sign = value < 0 ? '-' : '+';
    const magnitude = Math.abs(value);
    const coefficient = magnitude === 1 ? '' : `${formatNumber(magnitude)} `;
    // The first term of a line carries no `+`, as people write it.
    const term = (k === 0 && sign === '+' ? '' : `${sign} `) + coefficient + names[at(columns, k)];
    if (line.length + 1 + term.length > MAX_LINE_LENGTH && line.trim().length > 0) {
      out.push(line);
      line = '   ';
    }
    line += ` ${term}`;
  }
  if (line.length + tail.length > MAX_LINE_LENGTH) {
    out.push(line);
    line = '   ';
  }
  out.push(line + tail);
}

/**
 * Writes a model in CPLEX LP format, which HiGHS and GLPK (`glpsol --lp`) both read. Every column
 * gets an explicit bound line so that the file states the whole model, defaults included.
 */
export function writeLpFormat(model: LpModel): string {
  const { columns, rows } = model;
  // One printable ASCII line per comment: a line break would turn the rest into model text.
  const out: string[] = model.description.map(
    (line) => `\\ ${line.replace(/\r?\n/g, ' ').replace(/[^\x20-\x7e]/g, '?')}`,
  );

  out.push(model.sense === 'minimize' ? 'Minimize' : 'Maximize');
  const objectiveColumns: number[] = [];
  const objectiveValues: number[] = [];
  columns.cost.forEach((cost, column) => {
    if (cost !== 0) {
      objectiveColumns.push(column);
      objectiveValues.push(cost);
    }
  });
  // A constant objective still needs a term to be read.
  if (objectiveColumns.length === 0) out.push(` obj: 0 ${columns.names[0]}`);
  else writeExpression(out, ' obj:', columns.names, objectiveColumns, objectiveValues, '');

  out.push('Subject To');
  for (let row = 0; row < rows.names.length; row++) {
    const from = rows.starts[row];
    const to = rows.starts[row + 1];
    writeExpression(
      out,
      ` ${rows.names[row]}:`,
      columns.names,
      rows.columns.subarray(from, to),
      rows.values.subarray(from, to),
      ` ${rows.senses[row]} ${formatNumber(at(rows.rhs, row))}`,
    );
  }

  out.push('Bounds');
  for (let column = 0; column < columns.names.length; column++) {
    const name = columns.names[column];
    const lower = at(columns.lower, column);
    const upper = at(columns.upper, column);
    if (lower === upper) out.push(` ${name} = ${formatNumber(lower)}`);
    else if (lower === -Infinity && upper === Infinity) out.push(` ${name} free`);
    else if (upper === Infinity) out.push(` ${name} >= ${formatNumber(lower)}`);
    else out.push(` ${formatNumber(lower)} <= ${name} <= ${formatNumber(upper)}`);
  }
  out.push('End', '');
  return out.join('\n');
}

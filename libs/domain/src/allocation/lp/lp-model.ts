import { at } from '../../invariants';

/**
 * A linear program as plain data, independent of any solver: what the allocation builds, what the
 * solver port solves and what the LP-format writer prints. Constraints are stored row by row
 * (compressed sparse rows), the way they are written and checked.
 */
export type LpObjectiveSense = 'minimize' | 'maximize';
export type LpRowSense = '<=' | '>=' | '=';

export interface LpColumns {
  readonly names: readonly string[];
  readonly lower: Float64Array;
  /** `Infinity` where the column has no upper bound. */
  readonly upper: Float64Array;
  readonly cost: Float64Array;
}

export interface LpRows {
  readonly names: readonly string[];
  readonly senses: readonly LpRowSense[];
  readonly rhs: Float64Array;
  /** Row `i` holds the entries `starts[i]` to `starts[i + 1] - 1` of `columns` and `values`. */
  readonly starts: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

export interface LpModel {
  /** Printed as comments at the top of the LP file: what the model is and how it reads. */
  readonly description: readonly string[];
  readonly sense: LpObjectiveSense;
  readonly columns: LpColumns;
  readonly rows: LpRows;
}

/**
 * Accumulates columns and rows, then freezes them into an `LpModel`. The allocation's stages share
 * their first rows, so one builder grows from stage to stage and `build` is called after each.
 */
export class LpModelBuilder {
  private readonly columnNames: string[] = [];
  private readonly columnLower: number[] = [];
  private readonly columnUpper: number[] = [];
  private readonly rowNames: string[] = [];
  private readonly rowSenses: LpRowSense[] = [];
  private readonly rowRhs: number[] = [];
  private readonly rowStarts: number[] = [0];
  private readonly entryColumns: number[] = [];
  private readonly entryValues: number[] = [];

  get columnCount(): number {
    return this.columnNames.length;
  }

  /** Returns the new column's index. */
  addColumn(name: string, lower: number, upper: number): number {
    this.columnNames.push(name);
    this.columnLower.push(lower);
    this.columnUpper.push(upper);
    return this.columnNames.length - 1;
  }

  /** Returns the new row's index. A row needs at least one nonzero entry: an empty one says nothing. */
  addRow(
    name: string,
    sense: LpRowSense,
    rhs: number,
    columns: readonly number[],
    values: readonly number[],
  ): number {
    if (columns.length !== values.length) {
      throw new RangeError(`row ${name}: ${columns.length} columns, ${values.length} values`);
    }
    let nonzero = 0;
    for (let k = 0; k < columns.length; k++) {
      const column = at(columns, k);
      if (!(column >= 0 && column < this.columnNames.length)) {
        throw new RangeError(`row ${name}: no column ${column}`);
      }
      if (values[k] === 0) continue;
      this.entryColumns.push(column);
      this.entryValues.push(at(values, k));
      nonzero++;
    }
    if (nonzero === 0) throw new RangeError(`row ${name} has no nonzero entry`);
    this.rowNames.push(name);
    this.rowSenses.push(sense);
    this.rowRhs.push(rhs);
    this.rowStarts.push(this.entryColumns.length);
    return this.rowNames.length - 1;
  }

  /** A frozen copy of the model as it stands, with this objective (one cost per column). */
  build(description: readonly string[], sense: LpObjectiveSense, cost: Float64Array): LpModel {
    if (cost.length !== this.columnCount) {
      throw new RangeError(`${cost.length} costs for ${this.columnCount} columns`);
    }
    return {
      description: [...description],
      sense,
      columns: {
        names: this.columnNames.slice(),
        lower: Float64Array.from(this.columnLower),
        upper: Float64Array.from(this.columnUpper),
        cost: Float64Array.from(cost),
      },
      rows: {
        names: this.rowNames.slice(),
        senses: this.rowSenses.slice(),
        rhs: Float64Array.from(this.rowRhs),
        starts: Int32Array.from(this.rowStarts),
        columns: Int32Array.from(this.entryColumns),
        values: Float64Array.from(this.entryValues),
      },
    };
  }
}

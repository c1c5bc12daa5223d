import type { AllocationInput } from './allocation-input';
import { type LpBasis, LpBasisStatus } from './lp/linear-solver.port';
import { type LpModel, LpModelBuilder } from './lp/lp-model';
import { at } from '../invariants';

/** How far the next stage may move a fixed optimum: 1e-7 x max(1, |value|) (allocation.md). */
export function stageTolerance(optimum: number): number {
  return 1e-7 * Math.max(1, Math.abs(optimum));
}

const NAMING = [
  'x<i>: hours given on offers[i]; s<l>_<c>: hours left uncovered on tender.lots[l].cells[c]',
  'demand<l>_<c>: demand of that cell; hours<m>, revenue<m>: caps of organizations[m]',
  '(each revenue row is divided by the cap R_m, so that it reads near 1)',
];

/**
 * The three lexicographic stages of shared/docs/allocation.md as linear programs. Each stage keeps
 * the rows of the previous one and adds its own, so the columns and rows keep their indices from
 * stage to stage: columns are the offers (x, in file order), then the cells (s), then u (stage 3).
 * Call `coverage`, `proximity` and `fairness` in that order, each with the previous optimum.
 */
export class AllocationStages {
  private readonly builder = new LpModelBuilder();
  private stage = 0;

  constructor(private readonly input: AllocationInput) {
    const { builder } = this;
    const { offers, cells, members, lots } = input;
    offers.forEach((offer, i) => builder.addColumn(`x${i}`, 0, offer.hours));
    cells.forEach((cell) =>
      builder.addColumn(`s${cell.lot}_${cell.index}`, 0, Number.POSITIVE_INFINITY),
    );

    const cellOffers = cells.map((): number[] => []);
    offers.forEach((offer, i) => at(cellOffers, offer.cell).push(i));
    cells.forEach((cell, j) => {
      const columns = [...at(cellOffers, j), this.cellColumn(j)];
      builder.addRow(
        `demand${cell.lot}_${cell.index}`,
        '=',
        cell.demandHours,
        columns,
        columns.map(() => 1),
      );
    });

    members.forEach((member, m) => {
      if (member.offers.length === 0) return;
      if (member.maxHours !== undefined) {
        builder.addRow(
          `hours${m}`,
          '<=',
          member.maxHours,
          member.offers,
          member.offers.map(() => 1),
        );
      }
      if (member.maxRevenueCents !== undefined) {
        const cap = member.maxRevenueCents;
        // A zero cap forbids any hour: said in hours, as dividing by zero cannot say it.
        const prices = member.offers.map((i) =>
          cap === 0 ? 1 : at(lots, at(cells, at(offers, i).cell).lot).pricePerHour / cap,
        );
        builder.addRow(`revenue${m}`, '<=', cap === 0 ? 0 : 1, member.offers, prices);
      }
    });
  }

  /** The column of the uncovered hours of `input.cells[cell]`. */
  cellColumn(cell: number): number {
    return this.input.offers.length + cell;
  }

  /** Stage 1: the least uncovered demand, S* = min sum s. */
  coverage(): LpModel {
    this.enter(1);
    const cost = new Float64Array(this.builder.columnCount);
    cost.fill(1, this.cellColumn(0));
    return this.builder.build(this.describe('1 of 3: coverage, min sum s'), 'minimize', cost);
  }

  /**
   * A starting basis for stage 1 at the point where nothing is covered: every x at 0, every s
   * basic at its cell's demand, the caps' slacks basic. The point is feasible, so the simplex
   * starts on the way (1.5 to 2 times faster than a cold start on the bench instances).
   */
  uncoveredBasis(model: LpModel): LpBasis {
    const { cells } = this.input;
    if (model.columns.names.length !== this.cellColumn(cells.length)) {
      throw new Error('the uncovered basis is for the stage-1 model');
    }
    const columns = new Uint8Array(model.columns.names.length).fill(LpBasisStatus.atLower);
    columns.fill(LpBasisStatus.basic, this.cellColumn(0));
    const rows = new Uint8Array(model.rows.names.length).fill(LpBasisStatus.basic);
    // The demand rows come first, one per cell: equalities, their slacks nonbasic.
    rows.fill(LpBasisStatus.atLower, 0, cells.length);
    return { columns, rows };
  }

  /**
   * Stage 1 with the offers that cost something (SECONDARY) held at zero. Not a stage of
   * allocation.md: where its optimum reaches stage 1's, that point costs nothing, so it is optimal
   * for stage 2 (W* = 0, as costs are never negative) and its basis lets stage 2 end without an
   * iteration. Undefined when no offer costs anything.
   */
  costFreeCoverage(coverage: LpModel): LpModel | undefined {
    const upper = Float64Array.from(coverage.columns.upper);
    let held = 0;
    this.input.offers.forEach((offer, i) => {
      if (offer.cost > 0) {
        upper[i] = 0;
        held++;
      }
    });
    return held === 0 ? undefined : { ...coverage, columns: { ...coverage.columns, upper } };
  }

  /**
   * A basis of `costFreeCoverage` made a start for the stages: the offers it held at zero become
   * nonbasic at their lower bound, zero, again (a solver may leave a fixed column "at its upper
   * bound", which is its full offer once released). The point does not move, so it stays feasible.
   */
  costFreeStart(basis: LpBasis): LpBasis {
    const columns = Uint8Array.from(basis.columns);
    this.input.offers.forEach((offer, i) => {
      if (offer.cost > 0 && columns[i] !== LpBasisStatus.basic) columns[i] = LpBasisStatus.atLower;
    });
    return { columns, rows: basis.rows };
  }

  /** Stage 2: the least work away from primary territories, W* = min sum w x. */
  proximity(coverageOptimum: number): LpModel {
    this.enter(2);
    const cellColumns = this.input.cells.map((_, j) => this.cellColumn(j));
    this.builder.addRow(
      'coverage',
      '<=',
      coverageOptimum + stageTolerance(coverageOptimum),
      cellColumns,
      cellColumns.map(() => 1),
    );
    const cost = new Float64Array(this.builder.columnCount);
    this.input.offers.forEach((offer, i) => (cost[i] = offer.cost));
    return this.builder.build(
      this.describe(`2 of 3: proximity, min sum w x; coverage keeps S* = ${coverageOptimum}`),
      'minimize',
      cost,
    );
  }

  /** Stage 3: the largest fraction u of its capacity K_m that every member receives. */
  fairness(proximityOptimum: number): LpModel {
    this.enter(3);
    const { builder, input } = this;
    const awayOffers = input.offers.flatMap((offer, i) => (offer.cost > 0 ? [i] : []));
    // With no cost anywhere, the row would be empty: there is nothing to keep.
    if (awayOffers.length > 0) {
      builder.addRow(
        'proximity',
        '<=',
        proximityOptimum + stageTolerance(proximityOptimum),
        awayOffers,
        awayOffers.map((i) => at(input.offers, i).cost),
      );
    }
    const u = builder.addColumn('u', 0, 1);
    input.members.forEach((member, m) => {
      if (member.capacity <= 0) return;
      // sum x >= u K_m, divided by K_m: a row near unit scale (allocation.md, Numerics).
      builder.addRow(
        `fairness${m}`,
        '>=',
        0,
        [...member.offers, u],
        [...member.offers.map(() => 1 / member.capacity), -1],
      );
    });
    const cost = new Float64Array(builder.columnCount);
    cost[u] = 1;
    return builder.build(
      this.describe(
        `3 of 3: fairness, max u; proximity keeps W* = ${proximityOptimum}`,
        'fairness<m>: hours of organizations[m] / K_m - u >= 0, K_m = min(offered hours, H_m)',
      ),
      'maximize',
      cost,
    );
  }

  private enter(stage: number): void {
    if (stage !== this.stage + 1) {
      throw new Error(`allocation stage ${stage} built after stage ${this.stage}`);
    }
    this.stage = stage;
  }

  private describe(stage: string, ...more: string[]): string[] {
    return [
      `Cordage allocation of tender ${this.input.tenderReference}, stage ${stage}`,
      'The model of shared/docs/allocation.md; each fixed optimum may move by 1e-7 x max(1, |value|)',
      ...NAMING,
      ...more,
    ];
  }
}

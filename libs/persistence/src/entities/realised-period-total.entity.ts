import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { MemberPeriodKey } from './owned-rows';

/**
 * A member's plan and figures in force on one lot for one period, summed over its cells: what the
 * planned-against-realised page shows. The plan is summed when the periods are planned; the
 * realised part moves by the difference each declaration makes, in the declaration's statement.
 */
@Entity('realised_period_totals')
@Check(`"period_number" >= 1`)
@Check(`"declared_cells" >= 0 AND "corrections" >= 0`)
export class RealisedPeriodTotalEntity extends MemberPeriodKey {
  @PrimaryColumn({ name: 'lot_id', type: 'uuid' })
  lotId!: string;

  @PrimaryColumn({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  @Column({ name: 'planned_hundredths', type: 'bigint', transformer: centsTransformer })
  plannedHundredths!: number;

  @Column({ name: 'planned_cents', type: 'bigint', transformer: centsTransformer })
  plannedCents!: number;

  @Column({ name: 'planned_insertion_hours', type: 'bigint', transformer: centsTransformer })
  plannedInsertionHours!: number;

  @Column({
    name: 'realised_hours',
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: decimalTransformer,
  })
  realisedHours!: number;

  @Column({ name: 'realised_cents', type: 'bigint', transformer: centsTransformer })
  realisedCents!: number;

  @Column({
    name: 'realised_insertion_hours',
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: decimalTransformer,
  })
  realisedInsertionHours!: number;

  @Column({ name: 'insertion_people', type: 'bigint', transformer: centsTransformer })
  insertionPeople!: number;

  /** Cells with a figure in force: zero means nothing declared for this lot and period. */
  @Column({ name: 'declared_cells', type: 'integer' })
  declaredCells!: number;

  @Column({ type: 'integer' })
  corrections!: number;
}

import { Check, Column, Entity } from 'typeorm';
import { centsTransformer } from './column-transformers';
import { MemberCellPeriodKey } from './owned-rows';

/**
 * A member's planned cell spread over the contract's periods (months by default): what the
 * planned-against-realised query reads, joined on the same key as the realised entries. The key
 * leads with the bid, so a bid's lines come from one index range.
 */
@Entity('planned_periods')
@Check(`"period_number" >= 1`)
@Check(`"hundredths" >= 0 AND "amount_cents" >= 0 AND "insertion_hours" >= 0`)
export class PlannedPeriodEntity extends MemberCellPeriodKey {
  /** Hours in hundredths. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  hundredths!: number;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ name: 'insertion_hours', type: 'integer' })
  insertionHours!: number;
}

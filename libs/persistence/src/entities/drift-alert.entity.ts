import type { DriftMeasure } from '@cordage/domain';
import { Check, Column, Entity, Unique } from 'typeorm';
import { centsTransformer } from './column-transformers';
import { CreatedAt } from './references';
import { MemberLotRow } from './owned-rows';

/**
 * A member behind its cumulative plan on a lot for two periods in a row, on one measure (revenue,
 * hours, insertion hours): one row per drift and measure, named by its first period. The unique
 * key is what makes the alert go out once, whatever the replays.
 */
@Entity('drift_alerts')
@Unique('drift_alerts_member_lot_measure_start_key', [
  'memberId',
  'lotId',
  'measure',
  'startPeriod',
])
@Check(`"measure" IN ('REVENUE', 'HOURS', 'INSERTION_HOURS')`)
export class DriftAlertEntity extends MemberLotRow {
  /** What drifted: REVENUE (cents), HOURS or INSERTION_HOURS (hundredths of an hour). */
  @Column({ type: 'varchar', length: 20 })
  measure!: DriftMeasure;

  @Column({ name: 'start_period', type: 'integer' })
  startPeriod!: number;

  @Column({ name: 'alert_period', type: 'integer' })
  alertPeriod!: number;

  /** The cumulative plan and realised at the alert's period, in the measure's integer unit. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  planned!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  realised!: number;

  @CreatedAt()
  createdAt!: Date;
}

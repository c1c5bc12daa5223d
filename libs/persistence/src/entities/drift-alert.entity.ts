import { Column, Entity, Unique } from 'typeorm';
import { centsTransformer } from './column-transformers';
import { CreatedAt } from './references';
import { MemberLotRow } from './owned-rows';

/**
 * A member behind its cumulative plan on a lot for two periods in a row: one row per drift, named
 * by its first period. The unique key is what makes the alert go out once, whatever the replays.
 */
@Entity('drift_alerts')
@Unique('drift_alerts_member_lot_start_key', ['memberId', 'lotId', 'startPeriod'])
export class DriftAlertEntity extends MemberLotRow {
  @Column({ name: 'start_period', type: 'integer' })
  startPeriod!: number;

  @Column({ name: 'alert_period', type: 'integer' })
  alertPeriod!: number;

  /** The cumulative plan and realised at the alert's period. */
  @Column({ name: 'planned_cents', type: 'bigint', transformer: centsTransformer })
  plannedCents!: number;

  @Column({ name: 'realised_cents', type: 'bigint', transformer: centsTransformer })
  realisedCents!: number;

  @CreatedAt()
  createdAt!: Date;
}

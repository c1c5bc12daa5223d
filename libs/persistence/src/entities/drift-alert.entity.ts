import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BidEntity } from './bid.entity';
import { centsTransformer } from './column-transformers';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';

/**
 * A member behind its cumulative plan on a lot for two periods in a row: one row per drift, named
 * by its first period. The unique key is what makes the alert go out once, whatever the replays.
 */
@Entity('drift_alerts')
@Unique('drift_alerts_member_lot_start_key', ['memberId', 'lotId', 'startPeriod'])
export class DriftAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @RefColumn('bid_id')
  bidId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;

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

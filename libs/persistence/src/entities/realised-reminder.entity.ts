import { Entity, PrimaryColumn } from 'typeorm';
import { BidEntity } from './bid.entity';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';

/**
 * A member reminded of a closed period it has not declared on a lot: once per member, lot and
 * period, whatever the clicks (the key is what makes the reminder go out once).
 */
@Entity('realised_reminders')
export class RealisedReminderEntity {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @PrimaryColumn({ name: 'lot_id', type: 'uuid' })
  lotId!: string;

  @PrimaryColumn({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @RefColumn('bid_id')
  bidId!: string;

  @CreatedAt('reminded_at')
  remindedAt!: Date;
}

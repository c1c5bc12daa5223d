import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { BidEntity } from './bid.entity';
import { centsTransformer } from './column-transformers';
import { LotCellEntity } from './lot-cell.entity';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { ManyToOneRef } from './references';

/**
 * A member's planned cell spread over the contract's periods (months by default): what the
 * planned-against-realised query reads, joined on the same key as the realised entries. The key
 * leads with the bid, so a bid's lines come from one index range.
 */
@Entity('planned_periods')
@Check(`"period_number" >= 1`)
@Check(`"hundredths" >= 0 AND "amount_cents" >= 0 AND "insertion_hours" >= 0`)
export class PlannedPeriodEntity {
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @PrimaryColumn({ name: 'lot_cell_id', type: 'uuid' })
  lotCellId!: string;

  @PrimaryColumn({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @Column({ name: 'lot_id', type: 'uuid' })
  lotId!: string;

  /** Hours in hundredths. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  hundredths!: number;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ name: 'insertion_hours', type: 'integer' })
  insertionHours!: number;
}

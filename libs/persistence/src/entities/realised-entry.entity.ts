import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LotCellEntity } from './lot-cell.entity';
import { MemberEntity } from './member.entity';
import { OrderEntity } from './order.entity';
import { RealisedAmountColumns } from './realised-amounts';
import { ManyToOneRef, RefColumn } from './references';
import { CellOfItsLot, MemberOfItsBid } from './owned-rows';

/**
 * A member's realised figures for one period, lot and territory cell. Never updated: a correction
 * is a new entry with its author and reason, and the figure in force is the latest entry of its
 * (member, cell, period). The index serves that "latest per key" read (DISTINCT ON, scanned
 * backwards) and a bid's or a member's lines from one range. Its references are two keys of two
 * columns (a member of this bid, a cell of this lot): a month's import checks 45,000 entries.
 */
@Entity('realised_entries')
@Index('realised_entries_latest_idx', [
  'bidId',
  'memberId',
  'lotCellId',
  'periodNumber',
  'recordedAt',
  'id',
])
@Check(`"period_number" >= 1`)
@Check(
  `"hours" >= 0 AND "revenue_cents" >= 0 AND "insertion_hours" >= 0 AND "insertion_people" >= 0`,
)
export class RealisedEntryEntity extends RealisedAmountColumns {
  /**
   * The writer gives a uuid v7: time-ordered, so a month's entries go to one end of the index
   * instead of 45,000 random pages. (The default only serves rows written before.)
   */
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @MemberOfItsBid()
  member!: MemberEntity;

  @RefColumn('bid_id')
  bidId!: string;

  @RefColumn('member_id')
  memberId!: string;

  @CellOfItsLot()
  lotCell!: LotCellEntity;

  @RefColumn('lot_id')
  lotId!: string;

  @RefColumn('lot_cell_id')
  lotCellId!: string;

  @Column({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  /** The order (« bon de commande ») this figure carries out, if it names one. */
  @ManyToOneRef(() => OrderEntity, { onDelete: 'RESTRICT', nullable: true })
  order!: OrderEntity | null;

  @RefColumn('order_id', { nullable: true })
  orderId!: string | null;

  /** Who declared: the member's editor, or a coordinator on its behalf. */
  @RefColumn('author_id', { nullable: true })
  authorId!: string | null;

  @Column({ name: 'author_label', type: 'varchar', length: 320 })
  authorLabel!: string;

  @Column({ name: 'on_behalf', type: 'boolean' })
  onBehalf!: boolean;

  /** Why an earlier figure is corrected; null for a first declaration. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The clock when the entry was written (after the member's lock): the latest one is in force. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt!: Date;
}

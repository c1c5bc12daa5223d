import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { centsTransformer } from './column-transformers';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';
import { BidOwnedRow } from './bid-owned-row';

/**
 * An order (« bon de commande ») of a framework contract, recorded by the mandataire or a
 * coordinator: the buyer's number (once per bid), its date, lot, cells and amount. Written once;
 * its split among the members is in `order_assignments`.
 */
@Entity('orders')
@Unique('orders_bid_number_key', ['bidId', 'number'])
@Index('orders_bid_lot_idx', ['bidId', 'lotId', 'orderedOn'])
@Check(`"amount_cents" > 0`)
@Check(`"period_number" >= 1`)
@Check(`cardinality("lot_cell_ids") >= 1`)
export class OrderEntity extends BidOwnedRow {
  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;

  /** The buyer's order number, as written on the order. */
  @Column({ type: 'varchar', length: 100 })
  number!: string;

  /** The order's date, on the buyer's calendar. */
  @Column({ name: 'ordered_on', type: 'date' })
  orderedOn!: string;

  /** The contract period the date falls in. */
  @Column({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  /** The lot's cells the order covers (ids of `lot_cells`). */
  @Column({ name: 'lot_cell_ids', type: 'uuid', array: true })
  lotCellIds!: string[];

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @RefColumn('recorded_by', { nullable: true })
  recordedBy!: string | null;

  @CreatedAt()
  createdAt!: Date;
}

/** A member's part of an order, in cents: the parts of an order add up to its amount. */
@Entity('order_assignments')
@Index('order_assignments_member_idx', ['memberId'])
@Check(`"amount_cents" >= 0`)
export class OrderAssignmentEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOneRef(() => OrderEntity, { onDelete: 'CASCADE' })
  order!: OrderEntity;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;
}

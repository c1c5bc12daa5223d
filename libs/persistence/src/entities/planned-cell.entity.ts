import { Check, Column, Entity, Index } from 'typeorm';
import { centsTransformer } from './column-transformers';
import { LotCellEntity } from './lot-cell.entity';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { ManyToOneRef, RefColumn } from './references';
import { BidOwnedRow } from './bid-owned-row';

/**
 * The contract's planned split, one row per member and won lot cell: the signed version
 * restricted to the won lots, scaled to the awarded amounts. A row without a member is the
 * uncovered part of the cell, kept so that each lot adds up to its awarded amount.
 */
@Entity('planned_cells')
@Index('planned_cells_bid_idx', ['bidId', 'lotId'])
// A member's planned cells, read by each of its declarations.
@Index('planned_cells_member_idx', ['bidId', 'memberId'])
@Check(`"hundredths" >= 0 AND "amount_cents" >= 0 AND "insertion_hours" >= 0`)
export class PlannedCellEntity extends BidOwnedRow {
  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE', nullable: true })
  member!: MemberEntity | null;

  @RefColumn('member_id', { nullable: true })
  memberId!: string | null;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;

  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @RefColumn('lot_cell_id')
  lotCellId!: string;

  /** Hours in hundredths (the split's two decimals); 0 for the uncovered part's row. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  hundredths!: number;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ name: 'insertion_hours', type: 'integer' })
  insertionHours!: number;
}

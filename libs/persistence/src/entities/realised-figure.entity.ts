import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LotCellEntity } from './lot-cell.entity';
import { MemberEntity } from './member.entity';
import { RealisedAmountColumns } from './realised-amounts';
import { RefColumn } from './references';
import { CellOfItsLot, MemberOfItsBid } from './owned-rows';

/**
 * The figure in force of a (member, cell, period): a copy of its latest realised entry, upserted
 * in the same statement that appends the entry. The entries stay the history; this table spares
 * the reads a "latest entry per key" over millions of entries. Its keys are its entry's: a member
 * of this bid and a cell of this lot, two columns each (a month's import writes 45,000 figures;
 * each key checked costs), and it goes with them, as its entries do.
 */
@Entity('realised_figures')
// An order's realised figures, against what was ordered.
@Index('realised_figures_order_idx', ['orderId'], { where: '"order_id" IS NOT NULL' })
@Check(`"period_number" >= 1`)
@Check(`"corrections" >= 0`)
export class RealisedFigureEntity extends RealisedAmountColumns {
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @PrimaryColumn({ name: 'lot_cell_id', type: 'uuid' })
  lotCellId!: string;

  @PrimaryColumn({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  @MemberOfItsBid()
  member!: MemberEntity;

  @CellOfItsLot()
  lotCell!: LotCellEntity;

  @RefColumn('lot_id')
  lotId!: string;

  /**
   * The entry in force, written by the same statement. No foreign key: entries are never
   * deleted but with their member or cell, which take the figure too, and a key here would make
   * every deleted entry scan this table (nothing indexes entry_id).
   */
  @RefColumn('entry_id')
  entryId!: string;

  /** The order the figure in force names, if any (as its entry). */
  @RefColumn('order_id', { nullable: true })
  orderId!: string | null;

  /** Entries after the first for this key. */
  @Column({ type: 'integer' })
  corrections!: number;
}

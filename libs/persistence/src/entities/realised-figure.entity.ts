import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { RealisedEntryEntity } from './realised-entry.entity';
import { ManyToOneRef, RefColumn } from './references';

/**
 * The figure in force of a (member, cell, period): a copy of its latest realised entry, upserted
 * in the same statement that appends the entry. The entries stay the history; this table spares
 * the reads a "latest entry per key" over millions of entries. Its one foreign key is its entry:
 * the entry's own keys vouch for the bid, member, cell and order it copies, and a figure goes
 * with its entry (a month's import writes 45,000 of them; each key checked costs).
 */
@Entity('realised_figures')
// An order's realised figures, against what was ordered.
@Index('realised_figures_order_idx', ['orderId'], { where: '"order_id" IS NOT NULL' })
@Check(`"period_number" >= 1`)
@Check(`"corrections" >= 0`)
export class RealisedFigureEntity {
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @PrimaryColumn({ name: 'lot_cell_id', type: 'uuid' })
  lotCellId!: string;

  @PrimaryColumn({ name: 'period_number', type: 'integer' })
  periodNumber!: number;

  @RefColumn('lot_id')
  lotId!: string;

  /** The entry in force. */
  @ManyToOneRef(() => RealisedEntryEntity, { onDelete: 'CASCADE' })
  entry!: RealisedEntryEntity;

  @RefColumn('entry_id')
  entryId!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: decimalTransformer })
  hours!: number;

  @Column({ name: 'revenue_cents', type: 'bigint', transformer: centsTransformer })
  revenueCents!: number;

  @Column({
    name: 'insertion_hours',
    type: 'numeric',
    precision: 12,
    scale: 2,
    transformer: decimalTransformer,
  })
  insertionHours!: number;

  @Column({ name: 'insertion_people', type: 'integer' })
  insertionPeople!: number;

  /** The order the figure in force names, if any (as its entry). */
  @RefColumn('order_id', { nullable: true })
  orderId!: string | null;

  /** Entries after the first for this key. */
  @Column({ type: 'integer' })
  corrections!: number;
}

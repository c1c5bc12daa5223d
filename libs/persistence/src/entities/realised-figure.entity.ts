import { Check, Column, Entity, Index } from 'typeorm';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { OrderEntity } from './order.entity';
import { RealisedEntryEntity } from './realised-entry.entity';
import { ManyToOneRef, RefColumn } from './references';
import { MemberCellPeriodKey } from './owned-rows';

/**
 * The figure in force of a (member, cell, period): a copy of its latest realised entry, upserted
 * in the same statement that appends the entry. The entries stay the history; this table spares
 * the reads a "latest entry per key" over millions of entries.
 */
@Entity('realised_figures')
// An order's realised figures, against what was ordered.
@Index('realised_figures_order_idx', ['orderId'], { where: '"order_id" IS NOT NULL' })
@Check(`"period_number" >= 1`)
@Check(`"corrections" >= 0`)
export class RealisedFigureEntity extends MemberCellPeriodKey {
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
  @ManyToOneRef(() => OrderEntity, { onDelete: 'RESTRICT', nullable: true })
  order!: OrderEntity | null;

  @RefColumn('order_id', { nullable: true })
  orderId!: string | null;

  /** Entries after the first for this key. */
  @Column({ type: 'integer' })
  corrections!: number;
}

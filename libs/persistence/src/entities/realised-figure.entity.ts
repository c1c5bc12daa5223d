import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { BidEntity } from './bid.entity';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { LotCellEntity } from './lot-cell.entity';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { RealisedEntryEntity } from './realised-entry.entity';
import { ManyToOneRef, RefColumn } from './references';

/**
 * The figure in force of a (member, cell, period): a copy of its latest realised entry, upserted
 * in the same statement that appends the entry. The entries stay the history; this table spares
 * the reads a "latest entry per key" over millions of entries.
 */
@Entity('realised_figures')
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

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

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

  /** Entries after the first for this key. */
  @Column({ type: 'integer' })
  corrections!: number;
}

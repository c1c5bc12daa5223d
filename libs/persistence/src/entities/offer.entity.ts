import { Check, Column, Entity, Index, Unique } from 'typeorm';
import type { Preference } from '@cordage/domain';
import { decimalTransformer } from './column-transformers';
import { LotCellEntity } from './lot-cell.entity';
import { ManyToOneRef, RefColumn } from './references';
import { OfMemberRow } from './owned-rows';
import { CorrigendumEntity } from './corrigendum.entity';

/** What a member can do on one cell of a lot: hours, on a primary or secondary territory. */
@Entity('offers')
@Unique('offers_member_cell_key', ['member', 'lotCell'])
@Check(`"hours" > 0`)
@Check(`"preference" IN ('PRIMARY', 'SECONDARY')`)
export class OfferEntity extends OfMemberRow {
  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @Index()
  @RefColumn('lot_cell_id')
  lotCellId!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  hours!: number;

  @Column({ type: 'varchar', length: 16 })
  preference!: Preference;

  /** The corrigendum that made it outdated, and why in French; null while it holds. */
  @ManyToOneRef(() => CorrigendumEntity, { onDelete: 'SET NULL', nullable: true })
  outdatedBy!: CorrigendumEntity | null;

  @RefColumn('outdated_by_id', { nullable: true })
  outdatedById!: string | null;

  @Column({ name: 'outdated_reason', type: 'varchar', length: 500, nullable: true })
  outdatedReason!: string | null;
}

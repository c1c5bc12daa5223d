import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { decimalTransformer } from './column-transformers';
import { LotCellEntity } from './lot-cell.entity';
import { ManyToOneRef, RefColumn } from './references';
import { OfMemberRow } from './owned-rows';

/**
 * What a subcontractor says it can lend its principal on one cell (a lot and a territory), in
 * hours: a capacity its principal reads, not an offer to the buyer (the allocation never sees it).
 */
@Entity('subcontractor_capacities')
@Unique('subcontractor_capacities_member_cell_key', ['member', 'lotCell'])
@Check(`"hours" > 0`)
export class SubcontractorCapacityEntity extends OfMemberRow {
  @ManyToOneRef(() => LotCellEntity, { onDelete: 'CASCADE' })
  lotCell!: LotCellEntity;

  @Index()
  @RefColumn('lot_cell_id')
  lotCellId!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  hours!: number;
}

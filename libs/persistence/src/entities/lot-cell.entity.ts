import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { decimalTransformer } from './column-transformers';
import { LotEntity } from './lot.entity';
import { TerritoryEntity } from './territory.entity';
import { CorrigendumEntity } from './corrigendum.entity';
import { ManyToOneRef, RefColumn } from './references';

/** One territory of a lot with the hours of work it needs there. */
@Entity('lot_cells')
@Unique('lot_cells_lot_territory_key', ['lot', 'territory'])
// The target of a reference to "a cell of this lot" (realised entries).
@Unique('lot_cells_lot_id_key', ['lotId', 'id'])
@Check(`"demand_hours" > 0`)
export class LotCellEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;

  @ManyToOneRef(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  territory!: TerritoryEntity;

  @RefColumn('territory_id')
  territoryId!: string;

  /** Optional display name of the cell (a school's name for a SITE). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  label!: string | null;

  @Column({ name: 'demand_hours', type: 'numeric', transformer: decimalTransformer })
  demandHours!: number;

  /**
   * The corrigendum that took the cell out of the tender. The row stays, so that the offers on it
   * stay with their member, flagged as outdated; the tender's reads leave it out.
   */
  @ManyToOneRef(() => CorrigendumEntity, { onDelete: 'SET NULL', nullable: true })
  removedBy!: CorrigendumEntity | null;

  @RefColumn('removed_by_id', { nullable: true })
  removedById!: string | null;
}

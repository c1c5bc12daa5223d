import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { decimalTransformer } from './column-transformers';
import { LotEntity } from './lot.entity';
import { TerritoryEntity } from './territory.entity';

/** One territory of a lot with the hours of work it needs there. */
@Entity('lot_cells')
@Unique('lot_cells_lot_territory_key', ['lot', 'territory'])
@Check(`"demand_hours" > 0`)
export class LotCellEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => LotEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id' })
  lot!: LotEntity;

  @Column({ name: 'lot_id', type: 'uuid' })
  lotId!: string;

  @ManyToOne(() => TerritoryEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory!: TerritoryEntity;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  /** Optional display name of the cell (a school's name for a SITE). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  label!: string | null;

  @Column({ name: 'demand_hours', type: 'numeric', transformer: decimalTransformer })
  demandHours!: number;
}

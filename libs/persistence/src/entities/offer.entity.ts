import {
  Check,
  Column,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  JoinColumn,
} from 'typeorm';
import type { Preference } from '@cordage/domain';
import { decimalTransformer } from './column-transformers';
import { LotCellEntity } from './lot-cell.entity';
import { MemberEntity } from './member.entity';

/** What a member can do on one cell of a lot: hours, on a primary or secondary territory. */
@Entity('offers')
@Unique('offers_member_cell_key', ['member', 'lotCell'])
@Check(`"hours" > 0`)
@Check(`"preference" IN ('PRIMARY', 'SECONDARY')`)
export class OfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => MemberEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member!: MemberEntity;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => LotCellEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_cell_id' })
  lotCell!: LotCellEntity;

  @Index()
  @Column({ name: 'lot_cell_id', type: 'uuid' })
  lotCellId!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  hours!: number;

  @Column({ type: 'varchar', length: 16 })
  preference!: Preference;
}

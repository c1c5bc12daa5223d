import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SubcontractKind } from '@cordage/domain';
import { centsTransformer } from './column-transformers';
import { BidEntity } from './bid.entity';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';

/** Annex B: work a member hands to a subcontractor (or lent workers) on one lot, capped. */
@Entity('subcontracts')
@Check(`"kind" IN ('SOUS_TRAITANCE', 'MISE_A_DISPOSITION')`)
@Check(`"max_amount_cents" > 0`)
@Check(`"principal_id" <> "subcontractor_id"`)
export class SubcontractEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => BidEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity;

  // The bid's read lists its subcontracts.
  @Index()
  @Column({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @ManyToOne(() => LotEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id' })
  lot!: LotEntity;

  @Column({ name: 'lot_id', type: 'uuid' })
  lotId!: string;

  @ManyToOne(() => MemberEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal!: MemberEntity;

  @Column({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @ManyToOne(() => MemberEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subcontractor_id' })
  subcontractor!: MemberEntity;

  @Column({ name: 'subcontractor_id', type: 'uuid' })
  subcontractorId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: SubcontractKind;

  @Column({ type: 'text' })
  nature!: string;

  @Column({ name: 'max_amount_cents', type: 'bigint', transformer: centsTransformer })
  maxAmountCents!: number;
}

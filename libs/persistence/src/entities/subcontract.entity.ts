import { Check, Column, Entity, Index } from 'typeorm';
import type { SubcontractKind } from '@cordage/domain';
import { centsTransformer } from './column-transformers';
import { LotEntity } from './lot.entity';
import { MemberEntity } from './member.entity';
import { ManyToOneRef, RefColumn } from './references';
import { BidOwnedRow } from './bid-owned-row';

/** Annex B: work a member hands to a subcontractor (or lent workers) on one lot, capped. */
@Entity('subcontracts')
// The bid's read lists its subcontracts.
@Index(['bidId'])
@Check(`"kind" IN ('SOUS_TRAITANCE', 'MISE_A_DISPOSITION')`)
@Check(`"max_amount_cents" > 0`)
@Check(`"principal_id" <> "subcontractor_id"`)
export class SubcontractEntity extends BidOwnedRow {
  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  principal!: MemberEntity;

  @RefColumn('principal_id')
  principalId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  subcontractor!: MemberEntity;

  @RefColumn('subcontractor_id')
  subcontractorId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: SubcontractKind;

  @Column({ type: 'text' })
  nature!: string;

  @Column({ name: 'max_amount_cents', type: 'bigint', transformer: centsTransformer })
  maxAmountCents!: number;
}

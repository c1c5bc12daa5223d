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
@Check(`"duration_months" BETWEEN 1 AND 96`)
@Check(`"amount_incl_vat_cents" >= "max_amount_cents"`)
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

  /** The amount excl. VAT, at most. */
  @Column({ name: 'max_amount_cents', type: 'bigint', transformer: centsTransformer })
  maxAmountCents!: number;

  /** Entered in the app with the subcontract; null for one imported without it (then computed). */
  @Column({ name: 'duration_months', type: 'integer', nullable: true })
  durationMonths!: number | null;

  @Column({
    name: 'amount_incl_vat_cents',
    type: 'bigint',
    nullable: true,
    transformer: centsTransformer,
  })
  amountInclVatCents!: number | null;

  /** Autoliquidation: the principal accounts for the VAT (null: the contract's nature says). */
  @Column({ name: 'reverse_charge', type: 'boolean', nullable: true })
  reverseCharge!: boolean | null;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  JoinColumn,
} from 'typeorm';
import type {
  BidStatus,
  ConsortiumForm,
  ConventionSettingsInput,
  OrganisationKind,
  Transparency,
} from '@cordage/domain';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';
import { TenderEntity } from './tender.entity';

/** A consortium's answer to a tender: its form, mandataire, composition rules and policy. */
@Entity('bids')
@Check(`"consortium_form" IN ('CONJOINT', 'CONJOINT_MANDATAIRE_SOLIDAIRE', 'SOLIDAIRE')`)
@Check(`"secondary_cost" >= 0`)
@Check(`"transparency" IN ('OPEN', 'ALLOCATION_ONLY')`)
@Check(
  `"status" IN ('DRAFT', 'COLLECTING', 'ALLOCATING', 'PROPOSED', 'AGREED', 'SIGNING', 'SIGNED', 'SUBMITTED', 'AWARDED', 'LOST', 'WITHDRAWN')`,
)
export class BidEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => TenderEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tender_id' })
  tender!: TenderEntity;

  @Column({ name: 'tender_id', type: 'uuid' })
  tenderId!: string;

  @Column({ type: 'varchar', length: 16, default: 'DRAFT' })
  status!: BidStatus;

  /** When the capacity call closes itself (set when it opens). */
  @Column({ name: 'capacity_deadline', type: 'timestamptz', nullable: true })
  capacityDeadline!: Date | null;

  /** Days before a deadline when reminders go to those who have not acted yet. */
  @Column({ name: 'reminder_days', type: 'jsonb', default: [7, 2] })
  reminderDays!: number[];

  /** The allocation version put to the members' vote, and the one they agreed on. */
  @Column({ name: 'proposed_version_id', type: 'uuid', nullable: true })
  proposedVersionId!: string | null;

  @Column({ name: 'agreed_version_id', type: 'uuid', nullable: true })
  agreedVersionId!: string | null;

  /** The network that owns the bid: its coordinators manage it. */
  @ManyToOne(() => NetworkEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network!: NetworkEntity;

  @Column({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  /** Whether members see each other's offers, or only the allocation. */
  @Column({ type: 'varchar', length: 16, default: 'ALLOCATION_ONLY' })
  transparency!: Transparency;

  @Column({ name: 'consortium_form', type: 'varchar', length: 32 })
  consortiumForm!: ConsortiumForm;

  @ManyToOne(() => OrganisationEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mandataire_id' })
  mandataire!: OrganisationEntity;

  @Column({ name: 'mandataire_id', type: 'uuid' })
  mandataireId!: string;

  // Composition rules of the tender or the funder (shared/docs/domain.md).
  @Column({ name: 'min_members', type: 'integer', nullable: true })
  minMembers!: number | null;

  @Column({ name: 'min_of_kind', type: 'jsonb', default: {} })
  minOfKind!: Partial<Record<OrganisationKind, number>>;

  @Column({ name: 'min_small_members', type: 'integer', nullable: true })
  minSmallMembers!: number | null;

  @Column({ name: 'small_below_employees', type: 'integer', default: 100 })
  smallBelowEmployees!: number;

  @Column({
    name: 'max_total_cents',
    type: 'bigint',
    nullable: true,
    transformer: centsTransformer,
  })
  maxTotalCents!: number | null;

  /** Allocation policy: cost of an hour on a SECONDARY territory (shared/docs/allocation.md). */
  @Column({ name: 'secondary_cost', type: 'numeric', default: 1, transformer: decimalTransformer })
  secondaryCost!: number;

  /** The convention's parameters the coordinators chose; the template's defaults fill the rest. */
  @Column({ name: 'convention_settings', type: 'jsonb', default: {} })
  conventionSettings!: ConventionSettingsInput;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

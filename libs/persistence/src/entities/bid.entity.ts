import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  BidStatus,
  ConsortiumForm,
  CoverageLevel,
  ConventionSettingsInput,
  OrganisationKind,
  Transparency,
} from '@cordage/domain';
import { centsTransformer, decimalTransformer } from './column-transformers';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';
import { TenderEntity } from './tender.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt, UpdatedAt } from './references';

/** A consortium's answer to a tender: its form, mandataire, composition rules and policy. */
@Entity('bids')
@Check(`"consortium_form" IN ('CONJOINT', 'CONJOINT_MANDATAIRE_SOLIDAIRE', 'SOLIDAIRE')`)
@Check(`"secondary_cost" >= 0`)
@Check(`"max_members" > 0`)
@Check(`"min_coverage_level" IN ('DEPARTEMENT', 'PROVINCE', 'REGION')`)
@Check(`"min_coverage_count" > 0`)
@Check(`("min_coverage_level" IS NULL) = ("min_coverage_count" IS NULL)`)
@Check(`"transparency" IN ('OPEN', 'ALLOCATION_ONLY')`)
@Check(
  `"status" IN ('DRAFT', 'COLLECTING', 'ALLOCATING', 'PROPOSED', 'AGREED', 'SIGNING', 'SIGNED', 'SUBMITTED', 'AWARDED', 'LOST', 'WITHDRAWN')`,
)
export class BidEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => TenderEntity, { onDelete: 'RESTRICT' })
  tender!: TenderEntity;

  @RefColumn('tender_id')
  tenderId!: string;

  @Column({ type: 'varchar', length: 16, default: 'DRAFT' })
  status!: BidStatus;

  /** When the capacity call closes itself (set when it opens). */
  @TimestampColumn('capacity_deadline', { nullable: true })
  capacityDeadline!: Date | null;

  /** Days before a deadline when reminders go to those who have not acted yet. */
  @Column({ name: 'reminder_days', type: 'jsonb', default: [7, 2] })
  reminderDays!: number[];

  /** The allocation version put to the members' vote, and the one they agreed on. */
  @RefColumn('proposed_version_id', { nullable: true })
  proposedVersionId!: string | null;

  @RefColumn('agreed_version_id', { nullable: true })
  agreedVersionId!: string | null;

  /** The network that owns the bid: its coordinators manage it. */
  @ManyToOneRef(() => NetworkEntity, { onDelete: 'RESTRICT' })
  network!: NetworkEntity;

  @RefColumn('network_id')
  networkId!: string;

  /** Whether members see each other's offers, or only the allocation. */
  @Column({ type: 'varchar', length: 16, default: 'ALLOCATION_ONLY' })
  transparency!: Transparency;

  @Column({ name: 'consortium_form', type: 'varchar', length: 32 })
  consortiumForm!: ConsortiumForm;

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  mandataire!: OrganisationEntity;

  @RefColumn('mandataire_id')
  mandataireId!: string;

  // Composition rules of the tender or the funder (shared/docs/domain.md).
  @Column({ name: 'min_members', type: 'integer', nullable: true })
  minMembers!: number | null;

  @Column({ name: 'min_of_kind', type: 'jsonb', default: {} })
  minOfKind!: Partial<Record<OrganisationKind, number>>;

  @Column({ name: 'min_small_members', type: 'integer', nullable: true })
  minSmallMembers!: number | null;

  @Column({ name: 'max_members', type: 'integer', nullable: true })
  maxMembers!: number | null;

  /** Territorial coverage: at least `minCoverageCount` of these units (both set, or neither). */
  @Column({ name: 'min_coverage_level', type: 'varchar', length: 16, nullable: true })
  minCoverageLevel!: CoverageLevel | null;

  @Column({ name: 'min_coverage_count', type: 'integer', nullable: true })
  minCoverageCount!: number | null;

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

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

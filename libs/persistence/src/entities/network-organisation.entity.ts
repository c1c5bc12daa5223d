import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { LegalForm, Representative } from '@cordage/domain';
import { centsTransformer } from './column-transformers';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';
import { TerritoryEntity } from './territory.entity';
import { ManyToOneRef, RefColumn, CreatedAt, UpdatedAt } from './references';

/**
 * An organisation in a network's directory, and all that this network knows of it: the
 * organisation's row (identifier, legal name, kind) is shared by every network, this row is seen
 * by its network only, and every bid of the network reads its details here (never another
 * network's). A row written when a bid brought the organisation in holds what that bid gave.
 */
@Entity('network_organisations')
@Check(`"staff" >= 0`)
@Check(`"max_hours" >= 0`)
@Check(`"max_revenue_cents" >= 0`)
@Check(`"max_insertion_hours" >= 0`)
export class NetworkOrganisationEntity {
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOneRef(() => NetworkEntity, { onDelete: 'CASCADE' })
  network!: NetworkEntity;

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'CASCADE' })
  organisation!: OrganisationEntity;

  @Column({ name: 'legal_form', type: 'varchar', length: 32, nullable: true })
  legalForm!: LegalForm | null;

  /** The registered office's address, as the documents print it. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null;

  /** The seat (an official territory), as an invitation or a scenario file gave it. */
  @ManyToOneRef(() => TerritoryEntity, { onDelete: 'RESTRICT', nullable: true })
  homeTerritory!: TerritoryEntity | null;

  @RefColumn('home_territory_id', { nullable: true })
  homeTerritoryId!: string | null;

  @Column({ type: 'integer', nullable: true })
  staff!: number | null;

  @Column({ name: 'approval_number', type: 'varchar', length: 100, nullable: true })
  approvalNumber!: string | null;

  @Column({ name: 'approval_authority', type: 'varchar', length: 200, nullable: true })
  approvalAuthority!: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'approval_date', type: 'date', nullable: true })
  approvalDate!: string | null;

  /** Codes of the official territories where it works. */
  @Column({ type: 'varchar', length: 80, array: true, default: () => "'{}'" })
  territories!: string[];

  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_email', type: 'varchar', length: 320, nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 40, nullable: true })
  contactPhone!: string | null;

  /** The first one signs for the organisation in this network's bids. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  representatives!: Representative[];

  /** The capacity in which the first representative signs, when it is not their title. */
  @Column({ name: 'representative_capacity', type: 'varchar', length: 200, nullable: true })
  representativeCapacity!: string | null;

  @Column({ name: 'max_hours', type: 'integer', nullable: true })
  maxHours!: number | null;

  @Column({
    name: 'max_revenue_cents',
    type: 'bigint',
    nullable: true,
    transformer: centsTransformer,
  })
  maxRevenueCents!: number | null;

  @Column({ name: 'max_insertion_hours', type: 'integer', nullable: true })
  maxInsertionHours!: number | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

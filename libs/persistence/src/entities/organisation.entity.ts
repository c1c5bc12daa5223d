import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { IdentifierScheme, LegalForm, OrganisationKind } from '@cordage/domain';
import { TerritoryEntity } from './territory.entity';
import { ManyToOneRef, RefColumn, CreatedAt, UpdatedAt } from './references';

@Entity('organisations')
@Unique('organisations_identifier_key', ['idScheme', 'idValue'])
@Check(`"kind" IN ('EI', 'AI', 'ACI', 'ETTI', 'EITI', 'GEIQ', 'EA', 'ESAT', 'ETA', 'OTHER')`)
@Check(`"id_scheme" IN ('SIRET', 'SIREN', 'BCE')`)
@Check(`"employees" >= 0`)
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 300 })
  legalName!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: OrganisationKind;

  @Column({ name: 'id_scheme', type: 'varchar', length: 8 })
  idScheme!: IdentifierScheme;

  /** Normalised (digits only), checked by the domain (Luhn, mod 97) before it gets here. */
  @Column({ name: 'id_value', type: 'varchar', length: 20 })
  idValue!: string;

  @Column({ type: 'integer' })
  employees!: number;

  /**
   * The seat a bid gave (an invitation, a scenario file); null for an organisation a network's
   * directory created: what a network's directory knows stays in its own row (issue 17).
   */
  @ManyToOneRef(() => TerritoryEntity, { onDelete: 'RESTRICT', nullable: true })
  homeTerritory!: TerritoryEntity | null;

  @RefColumn('home_territory_id', { nullable: true })
  homeTerritoryId!: string | null;

  @Column({ name: 'representative_name', type: 'varchar', length: 200 })
  representativeName!: string;

  @Column({ name: 'representative_title', type: 'varchar', length: 200 })
  representativeTitle!: string;

  @Column({ name: 'representative_email', type: 'varchar', length: 320 })
  representativeEmail!: string;

  // The particulars the documents print (OrganisationParticulars): null until entered.
  @Column({ name: 'legal_form', type: 'varchar', length: 32, nullable: true })
  legalForm!: LegalForm | null;

  @Column({ name: 'registered_address', type: 'varchar', length: 300, nullable: true })
  registeredAddress!: string | null;

  @Column({ name: 'approval_number', type: 'varchar', length: 100, nullable: true })
  approvalNumber!: string | null;

  @Column({ name: 'approval_authority', type: 'varchar', length: 200, nullable: true })
  approvalAuthority!: string | null;

  @Column({ name: 'representative_capacity', type: 'varchar', length: 200, nullable: true })
  representativeCapacity!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

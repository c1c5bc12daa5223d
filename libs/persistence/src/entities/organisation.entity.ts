import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { IdentifierScheme, OrganisationKind } from '@cordage/domain';
import { CreatedAt, UpdatedAt } from './references';

/**
 * An organisation as every network sees it: its identifier, legal name and kind, nothing more.
 * Whatever a network enters of it (staff, seat, legal form, address, approval, representatives)
 * is that network's own `network_organisations` row (issue 17).
 */
@Entity('organisations')
@Unique('organisations_identifier_key', ['idScheme', 'idValue'])
@Check(`"kind" IN ('EI', 'AI', 'ACI', 'ETTI', 'EITI', 'GEIQ', 'EA', 'ESAT', 'ETA', 'OTHER')`)
@Check(`"id_scheme" IN ('SIRET', 'SIREN', 'BCE')`)
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

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

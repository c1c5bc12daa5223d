import { Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CharterEntity } from './charter.entity';
import { OrganisationEntity } from './organisation.entity';
import { ManyToOneRef, RefColumn, CreatedAt } from './references';

/** An organisation's acceptance of one version of its network's charter, and who gave it. */
@Entity('charter_acceptances')
@Unique('charter_acceptances_charter_organisation_key', ['charterId', 'organisationId'])
export class CharterAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => CharterEntity, { onDelete: 'CASCADE' })
  charter!: CharterEntity;

  @RefColumn('charter_id')
  charterId!: string;

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'CASCADE' })
  organisation!: OrganisationEntity;

  @RefColumn('organisation_id')
  organisationId!: string;

  @RefColumn('user_id', { nullable: true })
  userId!: string | null;

  @CreatedAt('accepted_at')
  acceptedAt!: Date;
}

import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CharterEntity } from './charter.entity';
import { OrganisationEntity } from './organisation.entity';

/** An organisation's acceptance of one version of its network's charter, and who gave it. */
@Entity('charter_acceptances')
@Unique('charter_acceptances_charter_organisation_key', ['charterId', 'organisationId'])
export class CharterAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => CharterEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'charter_id' })
  charter!: CharterEntity;

  @Column({ name: 'charter_id', type: 'uuid' })
  charterId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation!: OrganisationEntity;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @CreateDateColumn({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt!: Date;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type {
  RepresentationDecider,
  RepresentationRole,
  RepresentationStatus,
} from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * An invitation's request that a person edit or sign for an organisation already represented:
 * nothing is granted until the organisation's people (or an administrator) confirm it.
 */
@Entity('representation_requests')
@Check(`"status" IN ('PENDING', 'CONFIRMED', 'REFUSED')`)
@Check(`"decided_as" IS NULL OR "decided_as" IN ('REPRESENTATIVE', 'PLATFORM_ADMIN')`)
@Check(`cardinality("roles") > 0 AND "roles" <@ ARRAY['EDITOR', 'SIGNATORY']::varchar[]`)
@Check(`("status" = 'PENDING') = ("decided_at" IS NULL)`)
// One open request per person and organisation: a second invitation adds to it.
@Index('representation_requests_one_pending', ['organisationId', 'userId'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
export class RepresentationRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation!: OrganisationEntity;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  /** The person who would represent it. */
  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: UserEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16, array: true })
  roles!: RepresentationRole[];

  /** The bid whose invitation asked. */
  @ManyToOne(() => BidEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity | null;

  @Column({ name: 'bid_id', type: 'uuid', nullable: true })
  bidId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by' })
  requester!: UserEntity | null;

  /** The coordinator whose invitation asked. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status!: RepresentationStatus;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by' })
  decider!: UserEntity | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_as', type: 'varchar', length: 16, nullable: true })
  decidedAs!: RepresentationDecider | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

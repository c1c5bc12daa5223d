import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type {
  RepresentationDecider,
  RepresentationRole,
  RepresentationStatus,
} from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

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

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'CASCADE' })
  organisation!: OrganisationEntity;

  @RefColumn('organisation_id')
  organisationId!: string;

  /** The person who would represent it. */
  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE' })
  user!: UserEntity;

  @RefColumn('user_id')
  userId!: string;

  @Column({ type: 'varchar', length: 16, array: true })
  roles!: RepresentationRole[];

  /** The bid whose invitation asked. */
  @ManyToOneRef(() => BidEntity, { onDelete: 'SET NULL', nullable: true })
  bid!: BidEntity | null;

  @RefColumn('bid_id', { nullable: true })
  bidId!: string | null;

  /** The coordinator whose invitation asked. */
  @ManyToOneRef(() => UserEntity, {
    onDelete: 'SET NULL',
    nullable: true,
    joinColumn: 'requested_by',
  })
  requester!: UserEntity | null;

  @RefColumn('requested_by', { nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status!: RepresentationStatus;

  @ManyToOneRef(() => UserEntity, {
    onDelete: 'SET NULL',
    nullable: true,
    joinColumn: 'decided_by',
  })
  decider!: UserEntity | null;

  @RefColumn('decided_by', { nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_as', type: 'varchar', length: 16, nullable: true })
  decidedAs!: RepresentationDecider | null;

  @TimestampColumn('decided_at', { nullable: true })
  decidedAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;
}

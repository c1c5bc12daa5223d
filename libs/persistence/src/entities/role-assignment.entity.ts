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
import type { Role } from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * A role held within one scope: coordinator of a network, editor or signatory of an
 * organisation, viewer of a bid or of a network.
 */
@Entity('role_assignments')
@Check(`"role" IN ('COORDINATOR', 'EDITOR', 'SIGNATORY', 'VIEWER')`)
@Check(
  `("role" = 'COORDINATOR' AND "network_id" IS NOT NULL AND "organisation_id" IS NULL AND "bid_id" IS NULL)
  OR ("role" IN ('EDITOR', 'SIGNATORY') AND "organisation_id" IS NOT NULL AND "network_id" IS NULL AND "bid_id" IS NULL)
  OR ("role" = 'VIEWER' AND "organisation_id" IS NULL AND (("network_id" IS NULL) <> ("bid_id" IS NULL)))`,
)
// One grant per user, role and scope: a partial unique index per kind of scope.
@Index('role_assignments_network_key', ['userId', 'role', 'networkId'], {
  unique: true,
  where: '"network_id" IS NOT NULL',
})
@Index('role_assignments_organisation_key', ['userId', 'role', 'organisationId'], {
  unique: true,
  where: '"organisation_id" IS NOT NULL',
})
@Index('role_assignments_bid_key', ['userId', 'role', 'bidId'], {
  unique: true,
  where: '"bid_id" IS NOT NULL',
})
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: UserEntity;

  // Every request reads the grants of its user: the partial unique indexes above cannot serve that.
  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @ManyToOne(() => NetworkEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network!: NetworkEntity | null;

  @Column({ name: 'network_id', type: 'uuid', nullable: true })
  networkId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation!: OrganisationEntity | null;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => BidEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity | null;

  @Column({ name: 'bid_id', type: 'uuid', nullable: true })
  bidId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

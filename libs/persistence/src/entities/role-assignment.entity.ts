import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { NetworkEntity } from './network.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, CreatedAt } from './references';

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

  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE' })
  user!: UserEntity;

  // Every request reads the grants of its user: the partial unique indexes above cannot serve that.
  @Index()
  @RefColumn('user_id')
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @ManyToOneRef(() => NetworkEntity, { onDelete: 'CASCADE', nullable: true })
  network!: NetworkEntity | null;

  @RefColumn('network_id', { nullable: true })
  networkId!: string | null;

  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'CASCADE', nullable: true })
  organisation!: OrganisationEntity | null;

  @RefColumn('organisation_id', { nullable: true })
  organisationId!: string | null;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE', nullable: true })
  bid!: BidEntity | null;

  @RefColumn('bid_id', { nullable: true })
  bidId!: string | null;

  @CreatedAt()
  createdAt!: Date;
}

import { Check, Column, Entity, Unique } from 'typeorm';
import type { MemberRole, MemberStatus } from '@cordage/domain';
import { OrganisationEntity } from './organisation.entity';
import { ManyToOneRef, RefColumn } from './references';
import { BidOwnedRow } from './bid-owned-row';

/** An organisation taking part in a bid: a co-contractor, or only a subcontractor of one. */
@Entity('members')
@Unique('members_bid_organisation_key', ['bid', 'organisation'])
@Unique('members_bid_key_key', ['bid', 'key'])
// The target of a reference to "a member of this bid" (realised entries).
@Unique('members_bid_id_key', ['bidId', 'id'])
@Check(`"role" IN ('COTRAITANT', 'SOUS_TRAITANT')`)
@Check(`"insertion_hours_max" >= 0`)
@Check(`"principal_id" IS NULL OR "role" = 'SOUS_TRAITANT'`)
@Check(`"status" IN ('INVITED', 'ACCEPTED', 'DECLINED', 'DATA_COMPLETE', 'SIGNED', 'WITHDRAWN')`)
export class MemberEntity extends BidOwnedRow {
  @ManyToOneRef(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation!: OrganisationEntity;

  @RefColumn('organisation_id')
  organisationId!: string;

  /** The member's key within the bid (the scenario file's organisation key). */
  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 16, default: 'COTRAITANT' })
  role!: MemberRole;

  /**
   * For a subcontractor invited in the app: the member that invited it and that it works for. Its
   * people see that member's lots and their own declarations, nothing else of the bid.
   */
  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE', nullable: true })
  principal!: MemberEntity | null;

  @RefColumn('principal_id', { nullable: true })
  principalId!: string | null;

  /** Insertion hours the member declares it can provide on this bid. */
  @Column({ name: 'insertion_hours_max', type: 'integer', nullable: true })
  insertionHoursMax!: number | null;

  @Column({ type: 'varchar', length: 16, default: 'INVITED' })
  status!: MemberStatus;

  /** Why the member declined, in its own words. */
  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: string | null;

  /** The address the invitation went to. */
  @Column({ name: 'invited_email', type: 'varchar', length: 320, nullable: true })
  invitedEmail!: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  /** When a coordinator last reminded the member of the step it has not done ("Relancer"). */
  @Column({ name: 'last_reminded_at', type: 'timestamptz', nullable: true })
  lastRemindedAt!: Date | null;
}

import { Check, Column, Entity, Index } from 'typeorm';
import type { ChangeRequestReason, ChangeRequestStatus, MemberStatus } from '@cordage/domain';
import { BidOwnedRow } from './bid-owned-row';
import { MemberEntity } from './member.entity';
import { ReplanEntity } from './replan.entity';
import { CreatedAt, ManyToOneRef, RefColumn, UpdatedAt } from './references';

/**
 * A change of membership after the freeze (R2142-26): a member leaves, the others share its work
 * again, approve the new split and sign an amendment. One at a time per bid; its member is the
 * one who leaves. Of the kind `REPLAN` (its reason), it puts a re-plan to the members' vote
 * instead: no member leaves, the re-plan is named.
 */
@Entity('change_requests')
@Index('change_requests_one_active_per_bid', ['bidId'], {
  unique: true,
  where: `"status" IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING')`,
})
@Check(`"reason" IN ('MEMBER_UNABLE_TO_PERFORM', 'RESTRUCTURING', 'REPLAN')`)
@Check(
  'change_requests_kind',
  `("reason" = 'REPLAN' AND "replan_id" IS NOT NULL AND "member_id" IS NULL ` +
    `AND "previous_member_status" IS NULL) OR ("reason" <> 'REPLAN' AND "replan_id" IS NULL ` +
    `AND "member_id" IS NOT NULL AND "previous_member_status" IS NOT NULL)`,
)
@Check(`"status" IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING', 'CLOSED', 'REJECTED')`)
export class ChangeRequestEntity extends BidOwnedRow {
  /** The member who leaves; none for a re-plan. */
  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE', nullable: true })
  member!: MemberEntity | null;

  @RefColumn('member_id', { nullable: true })
  memberId!: string | null;

  /** Its status before it left: restored if the change is rejected. */
  @Column({ name: 'previous_member_status', type: 'varchar', length: 16, nullable: true })
  previousMemberStatus!: MemberStatus | null;

  @Column({ type: 'varchar', length: 32 })
  reason!: ChangeRequestReason | 'REPLAN';

  /** The re-plan put to the vote (kind `REPLAN` only). */
  @ManyToOneRef(() => ReplanEntity, { onDelete: 'CASCADE', nullable: true })
  replan!: ReplanEntity | null;

  @RefColumn('replan_id', { nullable: true })
  replanId!: string | null;

  @Column({ type: 'text' })
  justification!: string;

  @Column({ type: 'varchar', length: 20, default: 'OPEN' })
  status!: ChangeRequestStatus;

  /** 1 for the convention's first amendment. */
  @Column({ name: 'amendment_number', type: 'integer' })
  amendmentNumber!: number;

  /** The new split among the remaining members, once chosen. */
  @RefColumn('allocation_version_id', { nullable: true })
  allocationVersionId!: string | null;

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @UpdatedAt()
  updatedAt!: Date;
}

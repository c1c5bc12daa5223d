import { Check, Column, Entity, Index } from 'typeorm';
import type { ChangeRequestReason, ChangeRequestStatus, MemberStatus } from '@cordage/domain';
import { RefColumn, CreatedAt, UpdatedAt } from './references';
import { MemberOwnedRow } from './owned-rows';

/**
 * A change of membership after the freeze (R2142-26): a member leaves, the others share its work
 * again, approve the new split and sign an amendment. One at a time per bid; its member is the
 * one who leaves.
 */
@Entity('change_requests')
@Index('change_requests_one_active_per_bid', ['bidId'], {
  unique: true,
  where: `"status" IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING')`,
})
@Check(`"reason" IN ('MEMBER_UNABLE_TO_PERFORM', 'RESTRUCTURING')`)
@Check(`"status" IN ('OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING', 'CLOSED', 'REJECTED')`)
export class ChangeRequestEntity extends MemberOwnedRow {
  /** Its status before it left: restored if the change is rejected. */
  @Column({ name: 'previous_member_status', type: 'varchar', length: 16 })
  previousMemberStatus!: MemberStatus;

  @Column({ type: 'varchar', length: 32 })
  reason!: ChangeRequestReason;

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

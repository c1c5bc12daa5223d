import { Column, Entity, Unique } from 'typeorm';
import { BidOwnedRow } from './bid-owned-row';
import { JobRequestEntity } from './job-request.entity';
import { MemberEntity } from './member.entity';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';

/**
 * A member's approval of an annual shared evaluation (a CONTRACT_REPORT request, the report's id),
 * given once by its signatory or an editor: the unique key makes a second approval a no-op.
 */
@Entity('report_approvals')
@Unique('report_approvals_report_member_key', ['reportId', 'memberId'])
export class ReportApprovalEntity extends BidOwnedRow {
  @ManyToOneRef(() => JobRequestEntity, { onDelete: 'CASCADE' })
  report!: JobRequestEntity;

  @RefColumn('report_id')
  reportId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;

  @RefColumn('approved_by', { nullable: true })
  approvedBy!: string | null;

  /** The approver as the audit log names them. */
  @Column({ name: 'approver_label', type: 'varchar', length: 200 })
  approverLabel!: string;

  @CreatedAt('approved_at')
  approvedAt!: Date;
}

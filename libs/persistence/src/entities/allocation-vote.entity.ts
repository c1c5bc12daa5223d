import { Check, Entity, Unique } from 'typeorm';
import { AllocationVersionEntity } from './allocation-version.entity';
import { MemberVoteRow } from './member-vote-row';
import { ManyToOneRef, RefColumn } from './references';

/** A member's vote on an allocation version put to the vote; its latest word counts. */
@Entity('allocation_votes')
@Unique('allocation_votes_version_member_key', ['allocationVersionId', 'memberId'])
@Check(`"choice" IN ('APPROVE', 'OBJECT')`)
export class AllocationVoteEntity extends MemberVoteRow {
  @ManyToOneRef(() => AllocationVersionEntity, { onDelete: 'CASCADE' })
  allocationVersion!: AllocationVersionEntity;

  @RefColumn('allocation_version_id')
  allocationVersionId!: string;
}

import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { VoteChoice } from '@cordage/domain';
import { AllocationVersionEntity } from './allocation-version.entity';
import { MemberEntity } from './member.entity';
import { ManyToOneRef, RefColumn, UpdatedAt } from './references';

/** A member's vote on an allocation version put to the vote; its latest word counts. */
@Entity('allocation_votes')
@Unique('allocation_votes_version_member_key', ['allocationVersionId', 'memberId'])
@Check(`"choice" IN ('APPROVE', 'OBJECT')`)
export class AllocationVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => AllocationVersionEntity, { onDelete: 'CASCADE' })
  allocationVersion!: AllocationVersionEntity;

  @RefColumn('allocation_version_id')
  allocationVersionId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;

  @Column({ type: 'varchar', length: 8 })
  choice!: VoteChoice;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @RefColumn('user_id', { nullable: true })
  userId!: string | null;

  @UpdatedAt('voted_at')
  votedAt!: Date;
}

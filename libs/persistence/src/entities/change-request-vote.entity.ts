import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { VoteChoice } from '@cordage/domain';
import { ChangeRequestEntity } from './change-request.entity';
import { MemberEntity } from './member.entity';
import { ManyToOneRef, RefColumn, UpdatedAt } from './references';

/**
 * A member's vote on a change request that carries its own split (a re-plan, kind `REPLAN`);
 * its latest word counts, as on an allocation version.
 */
@Entity('change_request_votes')
@Unique('change_request_votes_request_member_key', ['changeRequestId', 'memberId'])
@Check(`"choice" IN ('APPROVE', 'OBJECT')`)
export class ChangeRequestVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => ChangeRequestEntity, { onDelete: 'CASCADE' })
  changeRequest!: ChangeRequestEntity;

  @RefColumn('change_request_id')
  changeRequestId!: string;

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

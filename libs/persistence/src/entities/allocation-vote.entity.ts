import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { VoteChoice } from '@cordage/domain';
import { AllocationVersionEntity } from './allocation-version.entity';
import { MemberEntity } from './member.entity';

/** A member's vote on an allocation version put to the vote; its latest word counts. */
@Entity('allocation_votes')
@Unique('allocation_votes_version_member_key', ['allocationVersionId', 'memberId'])
@Check(`"choice" IN ('APPROVE', 'OBJECT')`)
export class AllocationVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => AllocationVersionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'allocation_version_id' })
  allocationVersion!: AllocationVersionEntity;

  @Column({ name: 'allocation_version_id', type: 'uuid' })
  allocationVersionId!: string;

  @ManyToOne(() => MemberEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member!: MemberEntity;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ type: 'varchar', length: 8 })
  choice!: VoteChoice;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @UpdateDateColumn({ name: 'voted_at', type: 'timestamptz' })
  votedAt!: Date;
}

import { Column } from 'typeorm';
import type { VoteChoice } from '@cordage/domain';
import { OfMemberRow } from './owned-rows';
import { RefColumn, UpdatedAt } from './references';

/**
 * The columns of a member's vote on what is put to the vote (an allocation version, a re-plan),
 * written once; its latest word counts. Abstract, not an entity: each table declares what is
 * voted on, its name, its one-vote-per-member key and its choice check.
 */
export abstract class MemberVoteRow extends OfMemberRow {
  @Column({ type: 'varchar', length: 8 })
  choice!: VoteChoice;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @RefColumn('user_id', { nullable: true })
  userId!: string | null;

  @UpdatedAt('voted_at')
  votedAt!: Date;
}

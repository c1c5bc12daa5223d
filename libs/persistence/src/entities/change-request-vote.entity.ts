import { Check, Entity, Unique } from 'typeorm';
import { ChangeRequestEntity } from './change-request.entity';
import { MemberVoteRow } from './member-vote-row';
import { ManyToOneRef, RefColumn } from './references';

/**
 * A member's vote on a change request that carries its own split (a re-plan, kind `REPLAN`);
 * its latest word counts, as on an allocation version.
 */
@Entity('change_request_votes')
@Unique('change_request_votes_request_member_key', ['changeRequestId', 'memberId'])
@Check(`"choice" IN ('APPROVE', 'OBJECT')`)
export class ChangeRequestVoteEntity extends MemberVoteRow {
  @ManyToOneRef(() => ChangeRequestEntity, { onDelete: 'CASCADE' })
  changeRequest!: ChangeRequestEntity;

  @RefColumn('change_request_id')
  changeRequestId!: string;
}

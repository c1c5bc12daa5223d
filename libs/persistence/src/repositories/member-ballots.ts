import type { EntityManager, FindOptionsWhere, ObjectType } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { VoteChoice } from '@cordage/domain';
import type { MemberVoteRow } from '../entities/member-vote-row';

/**
 * Records a member's ballot on what is put to the vote (`subject`: the version or request voted
 * on, and the member), replacing its previous one; false when it is the same ballot again (a
 * retry), which changes nothing. The callers run it under the bid's lock: no two at once.
 */
export async function recordMemberBallot<Vote extends MemberVoteRow>(
  tx: EntityManager,
  entity: ObjectType<Vote>,
  subject: FindOptionsWhere<Vote> & QueryDeepPartialEntity<Vote>,
  ballot: { choice: VoteChoice; comment: string | null },
  userId: string | null,
): Promise<boolean> {
  const previous = await tx.findOne<MemberVoteRow>(entity, {
    where: subject,
    select: { id: true, choice: true, comment: true, userId: true },
  });
  const wanted = { choice: ballot.choice, comment: ballot.comment, userId };
  if (!previous) {
    await tx.insert(entity, { ...subject, ...wanted });
    return true;
  }
  if (
    previous.choice === wanted.choice &&
    previous.comment === wanted.comment &&
    previous.userId === wanted.userId
  ) {
    return false;
  }
  await tx.update<MemberVoteRow>(entity, { id: previous.id }, wanted);
  return true;
}

import { DomainError, DomainErrorCode } from '../errors';
import { type MemberStatus, hasLeft } from '../members';
import type { BidStatus } from './bid-status';

/** What a coordinator reminds members of, on demand ("Relancer"). */
export type RemindedStep = 'DECLARATION' | 'VOTE' | 'SIGNATURE';

/** What one member has done of the steps a reminder is about. */
export interface ReminderProgress {
  declared: boolean;
  voted: boolean;
  signed: boolean;
}

export interface RemindableMember extends ReminderProgress {
  role: string;
  status: MemberStatus;
}

/** The step of the bid that waits on its members, or null when none does. */
export function stepAwaitingMembers(status: BidStatus): RemindedStep | null {
  if (status === 'COLLECTING') return 'DECLARATION';
  if (status === 'PROPOSED') return 'VOTE';
  if (status === 'SIGNING') return 'SIGNATURE';
  return null;
}

const DONE: Record<RemindedStep, keyof ReminderProgress> = {
  DECLARATION: 'declared',
  VOTE: 'voted',
  SIGNATURE: 'signed',
};

const DONE_TEXT: Record<RemindedStep, string> = {
  DECLARATION: 'a déjà déclaré ses capacités',
  VOTE: 'a déjà voté sur la répartition',
  SIGNATURE: 'a déjà signé la convention',
};

/**
 * Why this member cannot be reminded now, or null when it can: sub-contractors neither vote nor
 * sign, members gone have nothing left to do, and one who did the step is not chased for it.
 */
export function reminderRefusal(
  step: RemindedStep,
  member: RemindableMember,
  name: string,
): string | null {
  if (hasLeft(member.status)) {
    return `${name} ne fait plus partie de la candidature : il n’y a personne à relancer.`;
  }
  if (member.role !== 'COTRAITANT') {
    return `${name} est sous-traitant : il ne déclare, ne vote ni ne signe lui-même.`;
  }
  if (member[DONE[step]]) return `${name} ${DONE_TEXT[step]} : inutile de le relancer.`;
  return null;
}

/** The step that waits on the members, or the refusal that no step does. */
export function assertStepAwaitingMembers(status: BidStatus): RemindedStep {
  const step = stepAwaitingMembers(status);
  if (step) return step;
  const message =
    'Aucune étape n’attend les membres : on relance pendant l’appel à capacités, le vote ' +
    'ou la signature de la convention.';
  throw new DomainError(DomainErrorCode.INVALID_TRANSITION, message, [
    { path: 'status', code: 'NO_STEP_AWAITING_MEMBERS', message },
  ]);
}

import { DomainError, DomainErrorCode } from '../errors';
import type { ReplanLine } from '../execution/replan';
import type { ChangeRequestStatus } from './change-request';
import type { VersionShare } from './collective-decision';

/**
 * A change request of this kind puts a re-plan (docs/after-award.md, "Re-planning") to the
 * members' vote instead of a member's departure. Stored as the request's reason: never rename.
 */
export const REPLAN_CHANGE = 'REPLAN' as const;

const refuse = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [{ path, code, message }]);

export interface ReplanChangeOpening {
  /** The re-plan as recorded, or null when the bid has none of that number. */
  readonly replan: { readonly number: number; readonly status: string } | null;
  /** A change request of the bid is already under way. */
  readonly changeUnderWay: boolean;
  /** The re-plan was already made the plan in force (a closed request carries it). */
  readonly applied: boolean;
}

/** A re-plan goes to the vote when it is computed, once, and when no other change is under way. */
export function assertReplanChangeOpens(opening: ReplanChangeOpening): void {
  const { replan } = opening;
  if (replan === null) {
    throw new DomainError(DomainErrorCode.NOT_FOUND, 'Replanification introuvable.', [
      { path: 'replan', code: 'NOT_FOUND', message: 'replanification inconnue' },
    ]);
  }
  if (replan.status !== 'DONE') {
    throw refuse(
      'replan',
      'REPLAN_NOT_DONE',
      `La replanification n° ${replan.number} n’est pas calculée (${replan.status}) : ` +
        'seule une replanification terminée se vote.',
    );
  }
  if (opening.applied) {
    throw refuse(
      'replan',
      'REPLAN_ALREADY_APPLIED',
      `La replanification n° ${replan.number} est déjà le plan en vigueur.`,
    );
  }
  if (opening.changeUnderWay) {
    throw refuse(
      'status',
      'CHANGE_ALREADY_OPEN',
      'Une demande de modification est déjà en cours : menez-la à son terme d’abord.',
    );
  }
}

/** What each member weighs in the vote on a re-plan: its amount over the remaining periods. */
export function replanShares(lines: readonly ReplanLine[]): VersionShare[] {
  const shares: VersionShare[] = [];
  for (const line of lines) {
    if (line.org !== null) shares.push({ org: line.org, amountCents: line.amountCents });
  }
  return shares;
}

/**
 * A ballot on a re-plan is taken while its request is open, not after: once approved, its
 * amendment goes to signature (OPEN_AMENDMENT_SIGNING) and the vote is over.
 */
export function assertReplanVoteOpen(status: ChangeRequestStatus): void {
  if (status !== 'OPEN') {
    throw refuse(
      'status',
      'VOTE_CLOSED',
      'Le vote sur cette replanification est terminé : la demande n’est plus ouverte.',
    );
  }
}

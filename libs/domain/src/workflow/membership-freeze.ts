import { DomainError, DomainErrorCode } from '../errors';
import { type BidStatus, isFinalBidStatus } from './bid-status';
import { formatDeadline } from './transition-refusal';

/** The narrow exceptions to the frozen membership (R2142-26). Values are stored: never rename. */
export const CHANGE_REQUEST_REASONS = ['MEMBER_UNABLE_TO_PERFORM', 'RESTRUCTURING'] as const;
export type ChangeRequestReason = (typeof CHANGE_REQUEST_REASONS)[number];

export const CHANGE_REQUEST_REASON_LABELS: Readonly<Record<ChangeRequestReason, string>> = {
  MEMBER_UNABLE_TO_PERFORM: 'un membre dans l’incapacité d’exécuter sa part',
  RESTRUCTURING: 'une restructuration d’un membre (fusion, absorption, scission, cession)',
};

/**
 * From the application deadline until the buyer's answer (or the bid's withdrawal), the
 * consortium's membership is frozen (Code de la commande publique, R2142-26).
 */
export function isMembershipFrozen(
  now: Date,
  applicationDeadline: Date,
  status: BidStatus,
): boolean {
  return now >= applicationDeadline && !isFinalBidStatus(status);
}

/**
 * Adding or removing a member (invitation, acceptance, withdrawal) is refused while membership is
 * frozen; the only way then is a change request, which does not call this.
 */
export function assertMembershipOpen(
  now: Date,
  applicationDeadline: Date,
  status: BidStatus,
): void {
  if (!isMembershipFrozen(now, applicationDeadline, status)) return;
  const reasons = CHANGE_REQUEST_REASONS.map((reason) => CHANGE_REQUEST_REASON_LABELS[reason]);
  throw new DomainError(
    DomainErrorCode.WORKFLOW_RULE_VIOLATED,
    `La composition du groupement est figée depuis la date limite de remise des candidatures ` +
      `(${formatDeadline(applicationDeadline)}) jusqu’à l’attribution du marché (article R2142-26 ` +
      `du code de la commande publique) : un membre ne peut être ajouté ou retiré que par une ` +
      `demande de modification, pour ${reasons.join(' ou ')}.`,
    [{ path: 'members', code: 'MEMBERSHIP_FROZEN', message: 'composition figée (R2142-26)' }],
    { applicationDeadline: applicationDeadline.toISOString() },
  );
}

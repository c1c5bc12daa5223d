import { DomainError, DomainErrorCode } from '../errors';
import { BID_STATUS_LABELS, type BidStatus } from './bid-status';
import type { ChangeRequestStatus } from './change-request';

/**
 * What a bid's status allows besides moving it on: each action the api gates, with the statuses
 * in which it is open. Members join and leave until the convention goes to signature; capacities are declared while the call is open, the split is computed and
 * changed while allocating, voted while proposed; the convention is frozen once agreed and signed
 * while signing is open.
 */
export const BID_ACTION_STATUSES = {
  // Once the convention is being signed, members only change through a change request.
  CHANGE_MEMBERSHIP: ['DRAFT', 'COLLECTING', 'ALLOCATING', 'PROPOSED', 'AGREED'],
  DECLARE_CAPACITY: ['COLLECTING'],
  // Subcontractors are invited, declare and are given subcontracts until the split is proposed:
  // a subcontract is part of what the allocation and annex B are computed on.
  SUBCONTRACT: ['DRAFT', 'COLLECTING', 'ALLOCATING'],
  ALLOCATE: ['ALLOCATING'],
  VOTE: ['PROPOSED'],
  FREEZE_CONVENTION: ['AGREED'],
  SIGN: ['SIGNING'],
} as const satisfies Record<string, readonly BidStatus[]>;
export type BidAction = keyof typeof BID_ACTION_STATUSES;

/**
 * After the signature, a change request reopens some actions whatever the bid's status: the
 * remaining members' new split is computed, then voted on.
 */
export const CHANGE_REQUEST_ACTION_STATUSES: Partial<
  Record<BidAction, readonly ChangeRequestStatus[]>
> = {
  ALLOCATE: ['OPEN', 'REALLOCATED'],
  VOTE: ['REALLOCATED'],
};

const ACTION_LABELS: Record<BidAction, string> = {
  CHANGE_MEMBERSHIP: 'changer la composition du groupement hors demande de modification',
  DECLARE_CAPACITY: 'déclarer ses capacités',
  SUBCONTRACT: 'inviter des sous-traitants ou changer les sous-traitances',
  ALLOCATE: 'calculer ou modifier la répartition',
  VOTE: 'voter sur la répartition',
  FREEZE_CONVENTION: 'figer la convention pour la signature',
  SIGN: 'signer la convention',
};

export function assertBidAllows(
  action: BidAction,
  status: BidStatus,
  changeRequest: ChangeRequestStatus | null = null,
): void {
  const open: readonly BidStatus[] = BID_ACTION_STATUSES[action];
  if (open.includes(status)) return;
  if (changeRequest && CHANGE_REQUEST_ACTION_STATUSES[action]?.includes(changeRequest)) return;
  const wanted = open.map((s) => `« ${BID_STATUS_LABELS[s]} »`).join(' ou ');
  const message =
    `Impossible de ${ACTION_LABELS[action]} : la candidature est « ${BID_STATUS_LABELS[status]} » ` +
    `et il faut qu’elle soit ${wanted}.`;
  throw new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [
    { path: 'status', code: 'BID_STATUS', message: `${status} : ${action} refusé` },
  ]);
}

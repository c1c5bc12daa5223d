import { DomainError, DomainErrorCode } from '../errors';
import type { MemberStatus } from '../members';
import type { BidStatus } from './bid-status';
import type { ChangeRequestStatus } from './change-request';
import { isConsortiumMember } from './member-composition';

/** Statuses of a change request still under way: at most one per bid. */
export const ACTIVE_CHANGE_REQUEST_STATUSES = [
  'OPEN',
  'REALLOCATED',
  'AMENDMENT_SIGNING',
] as const satisfies readonly ChangeRequestStatus[];

/** A bid may change its membership once its convention is signed: after, not before. */
export const CHANGEABLE_BID_STATUSES = [
  'SIGNED',
  'SUBMITTED',
  'AWARDED',
] as const satisfies readonly BidStatus[];

const refuse = (code: string, message: string, path = 'memberId') =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [{ path, code, message }]);

export interface ChangeRequestOpening<M extends LeavingMember> {
  readonly bidStatus: BidStatus;
  /** A change request of the bid is already under way. */
  readonly changeUnderWay: boolean;
  /** The member said to leave, as the bid knows it (undefined: not a member of this bid). */
  readonly leaving: M | undefined;
}

export interface LeavingMember {
  readonly role: string;
  readonly status: MemberStatus;
}

/**
 * A change request opens on a signed bid, one at a time, for a party of the consortium: returns
 * that party, or refuses.
 */
export function partyLeavingByChangeRequest<M extends LeavingMember>(
  opening: ChangeRequestOpening<M>,
): M {
  if (!(CHANGEABLE_BID_STATUSES as readonly BidStatus[]).includes(opening.bidStatus)) {
    throw refuse(
      'CHANGE_NOT_ALLOWED',
      'Une demande de modification vient après la signature de la convention ; avant, ' +
        'les membres changent par le vote et la répartition.',
      'status',
    );
  }
  if (opening.changeUnderWay) {
    throw refuse(
      'CHANGE_ALREADY_OPEN',
      'Une demande de modification est déjà en cours : menez-la à son terme d’abord.',
      'status',
    );
  }
  const { leaving } = opening;
  if (!leaving || leaving.role !== 'COTRAITANT' || !isConsortiumMember(leaving.status)) {
    throw refuse('NOT_A_PARTY', 'Ce membre n’est pas partie au groupement.');
  }
  return leaving;
}

/** REALLOCATE names the version of the split between the remaining members. */
export function assertReallocationVersionKnown<V>(version: V | null): asserts version is V {
  if (version === null) {
    throw refuse(
      'UNKNOWN_VERSION',
      'Indiquez la version de la répartition entre les membres restants.',
      'allocationVersion',
    );
  }
}

/** OPEN_AMENDMENT_SIGNING needs the amendment of the new split, generated. */
export function assertAmendmentGenerated<D>(amendment: D | null): asserts amendment is D {
  if (amendment === null) {
    throw refuse(
      'AMENDMENT_MISSING',
      'Générez d’abord l’avenant de la nouvelle répartition.',
      'documents',
    );
  }
}

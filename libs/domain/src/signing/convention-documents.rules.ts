import { DomainError, DomainErrorCode } from '../errors';
import { type BidStatus, type ChangeRequestStatus, assertBidAllows } from '../workflow';

/**
 * An amendment describes the new split of the change request under way: the change request whose
 * reallocation is this version. Returns that change request's id.
 */
export function changeRequestOfAmendment(
  change: {
    readonly id: string;
    readonly status: ChangeRequestStatus;
    readonly allocationVersionId: string | null;
  } | null,
  versionId: string,
): string {
  if (change?.status !== 'REALLOCATED' || change.allocationVersionId !== versionId) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'Un avenant décrit la nouvelle répartition d’une demande de modification en cours.',
      [{ path: 'allocationVersion', code: 'NO_CHANGE_REQUEST', message: 'aucun changement' }],
    );
  }
  return change.id;
}

/** Only the convention, of an agreed bid, of the split the members approved, is frozen. */
export function assertConventionFreezable(
  document: { readonly id: string; readonly kind: string; readonly allocationVersion: number },
  bid: {
    readonly status: BidStatus;
    readonly agreedVersion: number | null;
    /**
     * The convention of this split already frozen, if any: the members sign one document, so
     * that no member signs a text another member did not.
     */
    readonly frozenConvention: { readonly id: string; readonly number: number } | null;
  },
): void {
  if (document.kind !== 'CONVENTION') {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'Seule la convention de groupement se fige pour être signée.',
      [{ path: 'documentId', code: 'NOT_A_CONVENTION', message: document.kind }],
    );
  }
  assertBidAllows('FREEZE_CONVENTION', bid.status);
  const { agreedVersion } = bid;
  if (agreedVersion !== document.allocationVersion) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Cette convention décrit la version ${document.allocationVersion} de la répartition, ` +
        `alors que les membres ont approuvé la version ${agreedVersion ?? '—'}.`,
      [{ path: 'documentId', code: 'NOT_THE_AGREED_VERSION', message: 'version non approuvée' }],
    );
  }
  const { frozenConvention } = bid;
  if (frozenConvention && frozenConvention.id !== document.id) {
    throw new DomainError(
      DomainErrorCode.WORKFLOW_RULE_VIOLATED,
      `La convention n° ${frozenConvention.number} de cette répartition est déjà figée pour ` +
        'signature : tous les membres signent le même document.',
      [
        {
          path: 'documentId',
          code: 'CONVENTION_ALREADY_FROZEN',
          message: 'une autre convention est figée',
        },
      ],
    );
  }
}

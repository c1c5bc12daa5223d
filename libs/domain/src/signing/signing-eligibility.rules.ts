import type { DocumentKind } from '../documents';
import { DomainError, DomainErrorCode } from '../errors';
import type { MemberStatus } from '../members';
import type { ChangeRequestStatus } from '../workflow';

const refuse = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);

/** A document as the rules of signature see it. */
export interface SignableDocument {
  readonly kind: DocumentKind;
  readonly frozenAt: Date | null;
  readonly allocationVersionId: string;
}

/** The member signing and the person signing for it. */
export interface Signer {
  readonly role: string;
  readonly status: MemberStatus;
  readonly legalName: string;
  /** The person holds the SIGNATORY role for the member's organisation. */
  readonly signsForOrganisation: boolean;
}

/** Only a convention or an amendment, once frozen, is signed. */
export function assertFrozenForSignature(document: SignableDocument): void {
  const signable = document.kind === 'CONVENTION' || document.kind === 'AMENDMENT';
  if (!signable || !document.frozenAt) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'Seule une convention (ou un avenant) figée se signe : figez-la d’abord.',
      [{ path: 'documentId', code: 'DOCUMENT_NOT_FROZEN', message: 'document non figé' }],
    );
  }
}

/** The split an amendment signs: the one of the change request whose amendment is in signing. */
export function amendmentVersionInSigning(
  change: {
    readonly status: ChangeRequestStatus;
    readonly allocationVersionId: string | null;
  } | null,
): string | null {
  if (change?.status !== 'AMENDMENT_SIGNING') {
    throw refuse(
      'documentId',
      'AMENDMENT_NOT_IN_SIGNING',
      'La signature de cet avenant n’est pas ouverte.',
    );
  }
  return change.allocationVersionId;
}

/** A document describing another split than the one approved (superseded) is not signed. */
export function assertDescribesSignedVersion(
  document: SignableDocument,
  signedVersionId: string | null,
): void {
  if (document.allocationVersionId !== signedVersionId) {
    throw refuse(
      'documentId',
      'NOT_THE_AGREED_VERSION',
      'Ce document ne décrit pas la répartition approuvée : il ne se signe pas.',
    );
  }
}

/**
 * An amendment is signed for the change request in signing, not another one's: two amendments may
 * say the same split (a re-plan's is rendered on the version in force).
 */
export function assertAmendmentOfChange(
  document: { readonly changeRequestId: string | null },
  changeRequestId: string | null,
): void {
  if (document.changeRequestId === null || document.changeRequestId !== changeRequestId) {
    throw refuse(
      'documentId',
      'NOT_THE_AMENDMENT_IN_SIGNING',
      'Cet avenant n’est pas celui de la demande de modification en signature : il ne se signe pas.',
    );
  }
}

/** A party still in the consortium signs, through its signatory, once. */
export function assertMaySign(signer: Signer, alreadySigned: boolean): void {
  if (
    signer.role !== 'COTRAITANT' ||
    signer.status === 'WITHDRAWN' ||
    signer.status === 'DECLINED'
  ) {
    throw refuse(
      'memberId',
      'NOT_A_PARTY',
      `${signer.legalName} n’est pas partie à la convention : il ne la signe pas.`,
    );
  }
  if (!signer.signsForOrganisation) {
    throw refuse(
      'memberId',
      'NOT_A_SIGNATORY',
      `Cette personne ne signe pas pour ${signer.legalName} : sa signature n’est pas apposée.`,
    );
  }
  if (alreadySigned) {
    throw refuse(
      'memberId',
      'ALREADY_SIGNED',
      `${signer.legalName} a déjà signé cette convention.`,
    );
  }
}

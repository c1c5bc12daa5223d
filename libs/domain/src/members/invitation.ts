import type { IdentifierScheme } from '../identifiers';
import type { OrganisationKind } from '../organisations';
import { DomainError, DomainErrorCode } from '../errors';
import { type MemberStatus, hasLeft } from './member-status';

/**
 * What the invited organisation will be in the consortium: a co-contractor, the co-contractor
 * that represents it (mandataire), or the subcontractor of one member (annex B, DC4).
 */
export const INVITATION_ROLES = ['COTRAITANT', 'MANDATAIRE', 'SOUS_TRAITANT'] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];

/** The work a subcontractor does for its principal member, on one lot, capped (DC4). */
export interface InvitedSubcontract {
  principalMemberId: string;
  lot: number;
  nature: string;
  maxAmountCents: number;
}

/** A coordinator's invitation of an organisation into a bid, sent to one person's address. */
export interface Invitation {
  email: string;
  idScheme: IdentifierScheme;
  id: string;
  /** The person also signs for the organisation (its legal representative or delegate). */
  signatory?: boolean;
  /** COTRAITANT when absent. */
  role?: InvitationRole;
  /** Required for a SOUS_TRAITANT, absent otherwise. */
  subcontract?: InvitedSubcontract;
  /** Needed when the organisation is not known yet. */
  organisation?: {
    legalName: string;
    kind: OrganisationKind;
    employees: number;
    home: string;
    representative: { name: string; title: string };
  };
}

/** The member a subcontractor would work for, as the rule needs it; null when not in the bid. */
export interface SubcontractPrincipal {
  legalName: string;
  role: 'COTRAITANT' | 'SOUS_TRAITANT';
  status: MemberStatus;
}

/**
 * A subcontractor works for a co-contractor still in the consortium, on one of the bid's lots:
 * otherwise the invitation is refused naming the field, and nothing is written.
 */
export function assertSubcontractPrincipal(
  principal: SubcontractPrincipal | null,
  lotExists: boolean,
): void {
  const refuse = (path: string, code: string, message: string) =>
    new DomainError(DomainErrorCode.INVALID_INPUT, message, [{ path, code, message }]);
  if (principal === null) {
    throw refuse(
      'subcontract.principalMemberId',
      'UNKNOWN_PRINCIPAL',
      'Le membre pour qui travaillera le sous-traitant ne fait pas partie de cette candidature.',
    );
  }
  if (principal.role === 'SOUS_TRAITANT') {
    throw refuse(
      'subcontract.principalMemberId',
      'PRINCIPAL_IS_SUBCONTRACTOR',
      `${principal.legalName} est elle-même sous-traitante : un sous-traitant travaille pour un cotraitant.`,
    );
  }
  if (hasLeft(principal.status)) {
    throw refuse(
      'subcontract.principalMemberId',
      'PRINCIPAL_NOT_IN_CONSORTIUM',
      `${principal.legalName} ne fait plus partie du groupement : choisissez un autre membre.`,
    );
  }
  if (!lotExists) {
    throw refuse('subcontract.lot', 'UNKNOWN_LOT', 'Ce lot n’existe pas dans cette candidature.');
  }
}

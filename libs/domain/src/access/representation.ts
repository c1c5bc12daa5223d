import { DomainError, DomainErrorCode } from '../errors';
import type { Decision } from './access-policy';
import type { Principal } from './principal';

/** The roles a person may hold for an organisation: edit its data, sign for it. */
export const REPRESENTATION_ROLES = ['EDITOR', 'SIGNATORY'] as const;
export type RepresentationRole = (typeof REPRESENTATION_ROLES)[number];

/** A request to represent an organisation, made by an invitation, until someone decides it. */
export const REPRESENTATION_STATUSES = ['PENDING', 'CONFIRMED', 'REFUSED'] as const;
export type RepresentationStatus = (typeof REPRESENTATION_STATUSES)[number];

/** In what capacity a request was decided: one of the organisation's people, or a platform admin. */
export const REPRESENTATION_DECIDERS = ['REPRESENTATIVE', 'PLATFORM_ADMIN'] as const;
export type RepresentationDecider = (typeof REPRESENTATION_DECIDERS)[number];

export interface InvitedRepresentation {
  /** The roles the invitation asks for the invited person. */
  asked: readonly RepresentationRole[];
  /** The roles the invited person already holds for the organisation. */
  held: readonly RepresentationRole[];
  /** How many people edit or sign for the organisation now (the invited person included). */
  representatives: number;
  /**
   * Whether the organisation belongs to another network than the inviting bid's (its directory,
   * hence its bids there): a coordinator here may not hand over what another network holds.
   */
  otherNetworks?: boolean;
}

/** What an invitation does: roles granted at once, roles left for the organisation to confirm. */
export interface RepresentationOutcome {
  grant: RepresentationRole[];
  ask: RepresentationRole[];
}

/**
 * Where a person stands with an organisation, from the editor and signatory grants it has given:
 * the roles the person holds, and how many people represent it.
 */
export function representationStanding(
  grants: readonly { userId: string; role: RepresentationRole }[],
  userId: string,
): Pick<InvitedRepresentation, 'held' | 'representatives'> {
  return {
    held: grants.filter((grant) => grant.userId === userId).map((grant) => grant.role),
    representatives: new Set(grants.map((grant) => grant.userId)).size,
  };
}

/** A pending request asked again: it holds every role asked, each once, in a stable order. */
export function withAskedRoles(
  pending: readonly RepresentationRole[],
  asked: readonly RepresentationRole[],
): RepresentationRole[] {
  return REPRESENTATION_ROLES.filter((role) => pending.includes(role) || asked.includes(role));
}

/**
 * An identifier is public: knowing it proves nothing. So an invitation hands over an
 * organisation only when no one represents it yet (a new organisation, or one nobody acts for)
 * and no other network holds it (a coordinator's invitation would otherwise open that network's
 * bids to whomever they name); otherwise its people (or an administrator) confirm the roles first.
 */
export function representationOnInvitation(invited: InvitedRepresentation): RepresentationOutcome {
  const missing = REPRESENTATION_ROLES.filter(
    (role) => invited.asked.includes(role) && !invited.held.includes(role),
  );
  return invited.representatives === 0 && !invited.otherNetworks
    ? { grant: missing, ask: [] }
    : { grant: [], ask: missing };
}

/** Whether one of the organisation's people represents it. */
export function represents(principal: Principal, organisationId: string): boolean {
  return principal.editorOf.has(organisationId) || principal.signatoryOf.has(organisationId);
}

/**
 * Who may confirm or refuse a request: the organisation's current people, or a platform admin;
 * never the person who asks. Anyone else may not learn that the request exists.
 */
export function decideRepresentation(
  principal: Principal,
  request: { organisationId: string; userId: string },
): Decision {
  if (principal.userId === request.userId) {
    return {
      allowed: false,
      hidden: false,
      reason: 'vous ne pouvez pas décider de votre propre demande',
    };
  }
  if (principal.platformAdmin || represents(principal, request.organisationId))
    return { allowed: true };
  return {
    allowed: false,
    hidden: true,
    object: 'representation',
    reason: 'demande inconnue',
  };
}

/** The capacity a decision is recorded in: a representative's, or else an administrator's. */
export function deciderCapacity(
  principal: Principal,
  organisationId: string,
): RepresentationDecider {
  return represents(principal, organisationId) ? 'REPRESENTATIVE' : 'PLATFORM_ADMIN';
}

/** A request is decided once. */
export function assertRepresentationPending(status: RepresentationStatus): void {
  if (status !== 'PENDING') {
    throw new DomainError(
      DomainErrorCode.INVALID_TRANSITION,
      status === 'CONFIRMED'
        ? 'Cette demande a déjà été confirmée.'
        : 'Cette demande a déjà été refusée.',
      [{ path: 'requestId', code: 'ALREADY_DECIDED', message: `demande déjà ${status}` }],
    );
  }
}

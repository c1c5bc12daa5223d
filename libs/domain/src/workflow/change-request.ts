import { DomainError, DomainErrorCode, type Problem } from '../errors';
import type { MemberStatus } from '../members';
import {
  type MemberFacts,
  type MembershipRules,
  compositionOfMembers,
  isConsortiumMember,
  unmetCompositionProblems,
} from './member-composition';
import type { ChangeRequestReason } from './membership-freeze';
import { guardReason, transitionRefused } from './transition-refusal';

/** A change of membership after the freeze, the narrow way R2142-26 allows. */
export interface ChangeRequest {
  readonly reason: ChangeRequestReason;
  /** The member unable to perform, or the one restructured: it leaves the consortium. */
  readonly memberKey: string;
  /** What happened, for the other members, the buyer and the audit log. */
  readonly justification: string;
}

export function assertChangeRequest(request: ChangeRequest): void {
  if (request.justification.trim() === '') {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'Une demande de modification doit être motivée : décrivez ce qui empêche le membre de ' +
        'poursuivre.',
      [{ path: 'justification', code: 'JUSTIFICATION_REQUIRED', message: 'motif à décrire' }],
    );
  }
}

/** Values are stored: never rename. */
export const CHANGE_REQUEST_STATUSES = [
  'OPEN',
  'REALLOCATED',
  'AMENDMENT_SIGNING',
  'CLOSED',
  'REJECTED',
] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

export const CHANGE_REQUEST_STATUS_LABELS: Readonly<Record<ChangeRequestStatus, string>> = {
  OPEN: 'ouverte',
  REALLOCATED: 'répartition refaite',
  AMENDMENT_SIGNING: 'avenant en signature',
  CLOSED: 'close',
  REJECTED: 'rejetée',
};

export const CHANGE_REQUEST_EVENTS = [
  'REALLOCATE',
  'OPEN_AMENDMENT_SIGNING',
  'CLOSE',
  'REJECT',
] as const;
export type ChangeRequestEvent = (typeof CHANGE_REQUEST_EVENTS)[number];

export const CHANGE_REQUEST_EVENT_LABELS: Readonly<Record<ChangeRequestEvent, string>> = {
  REALLOCATE: 'répartir à nouveau entre les membres restants',
  OPEN_AMENDMENT_SIGNING: 'ouvrir la signature de l’avenant',
  CLOSE: 'clore la demande de modification',
  REJECT: 'rejeter la demande de modification',
};

/**
 * OPEN -REALLOCATE-> REALLOCATED -OPEN_AMENDMENT_SIGNING-> AMENDMENT_SIGNING -CLOSE-> CLOSED;
 * REJECT (the members or the buyer refuse the change) from any state that is not final.
 * REALLOCATE again from REALLOCATED: the new split met an objection, a new version is voted on.
 * A re-plan's request (REPLAN_CHANGE) has its new split from the start, voted while OPEN: it goes
 * OPEN -OPEN_AMENDMENT_SIGNING-> AMENDMENT_SIGNING -CLOSE-> CLOSED, never REALLOCATED.
 * Guards: REALLOCATE needs the remaining members to meet the composition rules
 * (COMPOSITION_RULES_UNMET); OPEN_AMENDMENT_SIGNING the new split approved (NOT_AGREED); CLOSE
 * every remaining party's signature on the amendment (SIGNATURES_MISSING).
 */
export const CHANGE_REQUEST_TRANSITIONS: Readonly<
  Record<
    ChangeRequestEvent,
    { readonly from: readonly ChangeRequestStatus[]; readonly to: ChangeRequestStatus }
  >
> = {
  REALLOCATE: { from: ['OPEN', 'REALLOCATED'], to: 'REALLOCATED' },
  OPEN_AMENDMENT_SIGNING: { from: ['OPEN', 'REALLOCATED'], to: 'AMENDMENT_SIGNING' },
  CLOSE: { from: ['AMENDMENT_SIGNING'], to: 'CLOSED' },
  REJECT: { from: ['OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING'], to: 'REJECTED' },
};

export interface ChangeRequestContext {
  readonly status: ChangeRequestStatus;
  readonly rules: MembershipRules;
  /** The members who stay (see remainingMembers). */
  readonly remainingMembers: readonly MemberFacts[];
  /** The vote on the new split (the reallocation's version, or the re-plan) came out APPROVED. */
  readonly reallocationAgreed: boolean;
  /** Keys of the remaining parties who have not signed the amendment yet. */
  readonly unsignedParties: readonly string[];
}

/** An accepted move, to record in the audit log. */
export interface ChangeRequestTransition {
  readonly from: ChangeRequestStatus;
  readonly event: ChangeRequestEvent;
  readonly to: ChangeRequestStatus;
}

function guardProblems(context: ChangeRequestContext, event: ChangeRequestEvent): Problem[] {
  switch (event) {
    case 'REALLOCATE':
      return unmetCompositionProblems(
        compositionOfMembers(context.remainingMembers, context.rules),
      );
    case 'OPEN_AMENDMENT_SIGNING':
      return context.reallocationAgreed
        ? []
        : [
            {
              path: 'version',
              code: 'NOT_AGREED',
              message: 'la nouvelle répartition n’a pas été approuvée par les membres',
            },
          ];
    case 'CLOSE':
      return context.unsignedParties.map((key) => ({
        path: `signatures.${key}`,
        code: 'SIGNATURES_MISSING',
        message: `${key} n’a pas encore signé l’avenant`,
      }));
    case 'REJECT':
      return [];
  }
}

/** Same contract as decideBidTransition, for the change request's own lifecycle. */
export function decideChangeRequestTransition(
  context: ChangeRequestContext,
  event: ChangeRequestEvent,
): ChangeRequestTransition {
  const { from: allowedFrom, to } = CHANGE_REQUEST_TRANSITIONS[event];
  const from = context.status;
  const refusal = {
    subject: 'la demande de modification',
    eventLabel: CHANGE_REQUEST_EVENT_LABELS[event],
    fromLabel: CHANGE_REQUEST_STATUS_LABELS[from],
    toLabel: CHANGE_REQUEST_STATUS_LABELS[to],
    details: { from, event, to },
  };
  if (!allowedFrom.includes(from)) {
    throw transitionRefused({
      ...refusal,
      reason: `cette étape n’est possible que depuis ${allowedFrom
        .map((status) => `« ${CHANGE_REQUEST_STATUS_LABELS[status]} »`)
        .join(', ')}`,
      problems: [{ path: 'status', code: 'TRANSITION_NOT_ALLOWED', message: `${from} -> ${to}` }],
    });
  }
  const problems = guardProblems(context, event);
  if (problems.length > 0) {
    throw transitionRefused({ ...refusal, ...guardReason(problems), problems });
  }
  return { from, event, to };
}

/** The members among whom the work is split again: those still in, but the one who leaves. */
export function remainingMembers<T extends { readonly key: string; readonly status: MemberStatus }>(
  members: readonly T[],
  leavingKey: string,
): T[] {
  if (!members.some((member) => member.key === leavingKey && isConsortiumMember(member.status))) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `${leavingKey} ne fait pas partie du groupement : il ne peut pas en sortir.`,
      [{ path: 'memberKey', code: 'NOT_A_MEMBER', message: leavingKey }],
    );
  }
  return members.filter((member) => member.key !== leavingKey && isConsortiumMember(member.status));
}

import type { Problem } from '../errors';
import {
  type MemberFacts,
  type MembershipRules,
  compositionOfMembers,
  unmetCompositionProblems,
} from './member-composition';
import { formatDeadline, guardReason, transitionRefused } from './transition-refusal';
import { hasLeft } from '../members';

/** Before the buyer's answer, and not withdrawn: a bid in these can still move. */
export const OPEN_BID_STATUSES = [
  'DRAFT',
  'COLLECTING',
  'ALLOCATING',
  'PROPOSED',
  'AGREED',
  'SIGNING',
  'SIGNED',
  'SUBMITTED',
] as const;

/** The buyer answered, or the consortium gave up: nothing moves any more. */
export const FINAL_BID_STATUSES = ['AWARDED', 'LOST', 'WITHDRAWN'] as const;

/** Where a bid stands, from its creation to the buyer's answer. Values are stored: never rename. */
export const BID_STATUSES = [...OPEN_BID_STATUSES, ...FINAL_BID_STATUSES] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export const BID_STATUS_LABELS: Readonly<Record<BidStatus, string>> = {
  DRAFT: 'brouillon',
  COLLECTING: 'appel à capacités ouvert',
  ALLOCATING: 'répartition en cours',
  PROPOSED: 'répartition soumise au vote',
  AGREED: 'répartition approuvée',
  SIGNING: 'convention en signature',
  SIGNED: 'convention signée',
  SUBMITTED: 'déposée',
  AWARDED: 'attribuée',
  LOST: 'non retenue',
  WITHDRAWN: 'retirée',
};

export function isFinalBidStatus(status: BidStatus): boolean {
  return (FINAL_BID_STATUSES as readonly BidStatus[]).includes(status);
}

/** What moves a bid. Values are part of the api and the audit log: never rename. */
export const BID_EVENTS = [
  'OPEN_CAPACITY_CALL',
  'CLOSE_CAPACITY_CALL',
  'REOPEN_CAPACITY_CALL',
  'PROPOSE',
  'REVISE',
  'AGREE',
  'OPEN_SIGNING',
  'COMPLETE_SIGNING',
  'SUBMIT',
  'AWARD',
  'LOSE',
  'WITHDRAW',
] as const;
export type BidEvent = (typeof BID_EVENTS)[number];

/** Infinitive phrases: "Impossible de <label> : ...". */
export const BID_EVENT_LABELS: Readonly<Record<BidEvent, string>> = {
  OPEN_CAPACITY_CALL: 'ouvrir l’appel à capacités',
  CLOSE_CAPACITY_CALL: 'clore l’appel à capacités',
  REOPEN_CAPACITY_CALL: 'rouvrir l’appel à capacités',
  PROPOSE: 'soumettre une version de la répartition au vote',
  REVISE: 'réviser la répartition',
  AGREE: 'constater l’accord des membres sur la répartition',
  OPEN_SIGNING: 'ouvrir la signature de la convention',
  COMPLETE_SIGNING: 'clore la signature de la convention',
  SUBMIT: 'enregistrer le dépôt de la candidature',
  AWARD: 'enregistrer l’attribution du marché',
  LOSE: 'enregistrer le rejet de la candidature',
  WITHDRAW: 'retirer la candidature',
};

/**
 * The bid's state machine: each event leads to one state, from the states listed.
 *
 * DRAFT -OPEN_CAPACITY_CALL-> COLLECTING -CLOSE_CAPACITY_CALL-> ALLOCATING -PROPOSE-> PROPOSED
 *   -AGREE-> AGREED -OPEN_SIGNING-> SIGNING -COMPLETE_SIGNING-> SIGNED -SUBMIT-> SUBMITTED
 *   -AWARD-> AWARDED | -LOSE-> LOST; WITHDRAW from any state that is not final.
 * Ways back, and why:
 * - REOPEN_CAPACITY_CALL (ALLOCATING -> COLLECTING): the split shows uncovered demand, or a member
 *   left and the composition rules no longer hold; the coordinator calls for more capacity.
 * - REVISE (PROPOSED or AGREED -> ALLOCATING): a member objected (or the coordinator found a
 *   mistake before signing); a new version is computed and goes back to the vote through PROPOSE.
 * Once signing has opened, the split only changes through a change request and an amendment.
 * CLOSE_CAPACITY_CALL is also what the worker sends when the capacity call's deadline comes.
 * Guards (checked only on the listed moves; any other move is TRANSITION_NOT_ALLOWED):
 * - OPEN_ / REOPEN_CAPACITY_CALL: before the application deadline (DEADLINE_PASSED);
 * - CLOSE_CAPACITY_CALL, PROPOSE: the composition rules met by the members who joined
 *   (COMPOSITION_RULES_UNMET, one problem per unmet rule);
 * - AGREE, OPEN_SIGNING: the latest allocation version approved by the bid's rule (NOT_AGREED);
 *   OPEN_SIGNING also its convention frozen (CONVENTION_NOT_FROZEN);
 * - COMPLETE_SIGNING: every party signed (SIGNATURES_MISSING, one problem per party).
 */
export const BID_TRANSITIONS: Readonly<
  Record<BidEvent, { readonly from: readonly BidStatus[]; readonly to: BidStatus }>
> = {
  OPEN_CAPACITY_CALL: { from: ['DRAFT'], to: 'COLLECTING' },
  CLOSE_CAPACITY_CALL: { from: ['COLLECTING'], to: 'ALLOCATING' },
  REOPEN_CAPACITY_CALL: { from: ['ALLOCATING'], to: 'COLLECTING' },
  PROPOSE: { from: ['ALLOCATING'], to: 'PROPOSED' },
  REVISE: { from: ['PROPOSED', 'AGREED'], to: 'ALLOCATING' },
  AGREE: { from: ['PROPOSED'], to: 'AGREED' },
  OPEN_SIGNING: { from: ['AGREED'], to: 'SIGNING' },
  COMPLETE_SIGNING: { from: ['SIGNING'], to: 'SIGNED' },
  SUBMIT: { from: ['SIGNED'], to: 'SUBMITTED' },
  AWARD: { from: ['SUBMITTED'], to: 'AWARDED' },
  LOSE: { from: ['SUBMITTED'], to: 'LOST' },
  WITHDRAW: {
    from: OPEN_BID_STATUSES,
    to: 'WITHDRAWN',
  },
};

/**
 * The members that left the bid (withdrawn during the vote, say) while the split at stake still
 * gives them work: the members cannot agree on it nor sign it; the coordinator revises it first.
 */
function leftWithWork(context: BidTransitionContext): Problem[] {
  const parties = new Set(context.versionParties);
  return context.members
    .filter((member) => hasLeft(member.status) && parties.has(member.key))
    .map((member) => ({
      path: `members.${member.key}`,
      code: 'MEMBER_LEFT_WITH_WORK',
      message: `${member.legalName} a quitté le groupement, mais la répartition lui donne du travail : révisez-la d’abord`,
    }));
}

/** The events a bid in this status may receive (guards aside), in the order of BID_EVENTS. */
export function bidEventsFrom(status: BidStatus): BidEvent[] {
  return BID_EVENTS.filter((event) => BID_TRANSITIONS[event].from.includes(status));
}

/** What the guards need to know about the bid; the caller loads it, the domain decides. */
export interface BidTransitionContext {
  readonly status: BidStatus;
  readonly rules: MembershipRules;
  /** Every member of the bid with its status: only those who joined count for the rules. */
  readonly members: readonly MemberFacts[];
  /** The latest allocation version's vote came out APPROVED (see decideVote). */
  readonly latestVersionAgreed: boolean;
  /** The agreed version's convention is frozen: what the members will sign exists. */
  readonly conventionFrozen: boolean;
  /** Keys of the convention's parties who have not signed yet: empty once everyone signed. */
  readonly unsignedParties: readonly string[];
  /**
   * Keys of the members given work by the split at stake (the proposed one for AGREE, the agreed
   * one for the signing steps): a member among them that left must not be agreed on nor signed
   * for.
   */
  readonly versionParties: readonly string[];
  readonly now: Date;
  readonly applicationDeadline: Date;
}

/** An accepted move, to record in the audit log (before: from, after: to, action: event). */
export interface BidTransition {
  readonly from: BidStatus;
  readonly event: BidEvent;
  readonly to: BidStatus;
}

function guardProblems(context: BidTransitionContext, event: BidEvent): Problem[] {
  switch (event) {
    case 'OPEN_CAPACITY_CALL':
    case 'REOPEN_CAPACITY_CALL':
      return context.now < context.applicationDeadline
        ? []
        : [
            {
              path: 'applicationDeadline',
              code: 'DEADLINE_PASSED',
              message:
                `la date limite de remise des candidatures ` +
                `(${formatDeadline(context.applicationDeadline)}) est passée`,
            },
          ];
    case 'CLOSE_CAPACITY_CALL':
    case 'PROPOSE':
      return unmetCompositionProblems(compositionOfMembers(context.members, context.rules));
    case 'AGREE':
    case 'OPEN_SIGNING': {
      const gone = leftWithWork(context);
      if (gone.length > 0) return gone;
      if (!context.latestVersionAgreed) {
        return [
          {
            path: 'version',
            code: 'NOT_AGREED',
            message: 'la dernière version de la répartition n’a pas été approuvée par les membres',
          },
        ];
      }
      // Signing opens on a document that can no longer change.
      return event === 'OPEN_SIGNING' && !context.conventionFrozen
        ? [
            {
              path: 'convention',
              code: 'CONVENTION_NOT_FROZEN',
              message: 'la convention de la version approuvée n’a pas encore été générée et figée',
            },
          ]
        : [];
    }
    case 'COMPLETE_SIGNING':
      return [
        ...leftWithWork(context),
        ...context.unsignedParties.map((key) => ({
          path: `signatures.${key}`,
          code: 'SIGNATURES_MISSING',
          message: `${key} n’a pas encore signé la convention`,
        })),
      ];
    case 'REVISE':
    case 'SUBMIT':
    case 'AWARD':
    case 'LOSE':
    case 'WITHDRAW':
      return [];
  }
}

/**
 * Decides where `event` takes the bid, or refuses with INVALID_TRANSITION: the problem's code says
 * why (TRANSITION_NOT_ALLOWED, DEADLINE_PASSED, COMPOSITION_RULES_UNMET, NOT_AGREED,
 * CONVENTION_NOT_FROZEN, SIGNATURES_MISSING) and the message names both states.
 */
export function decideBidTransition(context: BidTransitionContext, event: BidEvent): BidTransition {
  const { from: allowedFrom, to } = BID_TRANSITIONS[event];
  const from = context.status;
  const details = { from, event, to };
  const refusal = {
    subject: 'la candidature',
    eventLabel: BID_EVENT_LABELS[event],
    fromLabel: BID_STATUS_LABELS[from],
    toLabel: BID_STATUS_LABELS[to],
    details,
  };
  if (!allowedFrom.includes(from)) {
    const reason = isFinalBidStatus(from)
      ? 'elle ne change plus d’état'
      : `cette étape n’est possible que depuis ${allowedFrom
          .map((status) => `« ${BID_STATUS_LABELS[status]} »`)
          .join(', ')}`;
    throw transitionRefused({
      ...refusal,
      reason,
      problems: [{ path: 'status', code: 'TRANSITION_NOT_ALLOWED', message: `${from} -> ${to}` }],
    });
  }
  const problems = guardProblems(context, event);
  if (problems.length > 0) {
    throw transitionRefused({ ...refusal, ...guardReason(problems), problems });
  }
  return { from, event, to };
}

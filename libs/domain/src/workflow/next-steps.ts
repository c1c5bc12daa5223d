import { type MemberStatus, hasLeft } from '../members';
import type { BidStatus } from './bid-status';
import type { ChangeRequestStatus } from './change-request';

/** What one person may do for one member of a bid, and where that member stands. */
export interface MemberStanding {
  memberId: string;
  status: MemberStatus;
  /** The person edits this member (answers, capacities, votes) / signs for it. */
  editing: boolean;
  signing: boolean;
  declared: boolean;
  charterAccepted: boolean;
  /** Voted on the version now up for the vote. */
  voted: boolean;
  /** Signed the document now up for signature. */
  signed: boolean;
}

export interface BidStanding {
  bidId: string;
  reference: string;
  status: BidStatus;
  coordinates: boolean;
  /** The network has a charter to accept. */
  charterRequired: boolean;
  /** The vote outcome of the version up for the vote, if one is. */
  vote: 'PENDING' | 'APPROVED' | 'REJECTED' | null;
  /** A change of membership under way, if any. */
  changeRequest: ChangeRequestStatus | null;
  members: MemberStanding[];
}

export const NEXT_STEP_CODES = [
  'ACCEPT_INVITATION',
  'ACCEPT_CHARTER',
  'DECLARE_CAPACITY',
  'VOTE',
  'SIGN',
  'OPEN_CAPACITY_CALL',
  'CLOSE_CAPACITY_CALL',
  'PROPOSE_ALLOCATION',
  'REVISE_ALLOCATION',
  'OPEN_SIGNING',
  'SUBMIT',
  'RECORD_RESULT',
  'CARRY_CHANGE_REQUEST',
] as const;
export type NextStepCode = (typeof NEXT_STEP_CODES)[number];

export interface NextStep {
  bidId: string;
  reference: string;
  code: NextStepCode;
  /** The member the step is for, when it is a member's. */
  memberId: string | null;
  text: string;
}

const ACTIVE_CHANGE: readonly ChangeRequestStatus[] = ['OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING'];

/**
 * What a person must do next on a bid, in the order the work goes: a member's editor answers the
 * invitation, accepts the charter, declares, votes; its signatory signs; a coordinator moves the
 * bid on. Steps already done and steps of other people are left out.
 */
export function nextSteps(bid: BidStanding): NextStep[] {
  const steps: NextStep[] = [];
  const add = (code: NextStepCode, text: string, memberId: string | null = null) =>
    steps.push({ bidId: bid.bidId, reference: bid.reference, code, memberId, text });
  const change = bid.changeRequest !== null && ACTIVE_CHANGE.includes(bid.changeRequest);
  const voting = bid.status === 'PROPOSED' || bid.changeRequest === 'REALLOCATED';
  const signing = bid.status === 'SIGNING' || bid.changeRequest === 'AMENDMENT_SIGNING';

  for (const member of bid.members) {
    if (hasLeft(member.status)) continue;
    if (member.editing) {
      if (member.status === 'INVITED') {
        add(
          'ACCEPT_INVITATION',
          'Répondez à l’invitation à rejoindre le groupement.',
          member.memberId,
        );
        continue;
      }
      if (bid.status === 'COLLECTING' && bid.charterRequired && !member.charterAccepted) {
        add('ACCEPT_CHARTER', 'Lisez et acceptez la charte du réseau.', member.memberId);
      } else if (bid.status === 'COLLECTING' && !member.declared) {
        add('DECLARE_CAPACITY', 'Déclarez vos capacités par lot et territoire.', member.memberId);
      }
      if (voting && bid.vote === 'PENDING' && !member.voted) {
        add(
          'VOTE',
          'Approuvez la répartition proposée, ou dites ce qui ne va pas.',
          member.memberId,
        );
      }
    }
    if (member.signing && signing && !member.signed) {
      add(
        'SIGN',
        bid.changeRequest === 'AMENDMENT_SIGNING'
          ? 'Signez l’avenant à la convention de groupement.'
          : 'Signez la convention de groupement.',
        member.memberId,
      );
    }
  }

  if (!bid.coordinates) return steps;
  if (change) {
    add('CARRY_CHANGE_REQUEST', 'Menez la demande de modification jusqu’à l’avenant signé.');
    return steps;
  }
  switch (bid.status) {
    case 'DRAFT':
      add('OPEN_CAPACITY_CALL', 'Ouvrez l’appel à capacités, avec sa date de clôture.');
      break;
    case 'COLLECTING':
      add('CLOSE_CAPACITY_CALL', 'Suivez les déclarations ; l’appel se clôt à sa date.');
      break;
    case 'ALLOCATING':
      add('PROPOSE_ALLOCATION', 'Calculez la répartition et soumettez-la au vote.');
      break;
    case 'PROPOSED':
      if (bid.vote === 'REJECTED') {
        add('REVISE_ALLOCATION', 'Un membre s’oppose : révisez la répartition.');
      }
      break;
    case 'AGREED':
      add('OPEN_SIGNING', 'Générez et figez la convention, puis ouvrez sa signature.');
      break;
    case 'SIGNED':
      add('SUBMIT', 'Déposez la candidature auprès de l’acheteur et enregistrez le dépôt.');
      break;
    case 'SUBMITTED':
      add('RECORD_RESULT', 'Enregistrez la réponse de l’acheteur.');
      break;
    case 'SIGNING':
    case 'AWARDED':
    case 'LOST':
    case 'WITHDRAWN':
      break;
  }
  return steps;
}

import { DomainError, DomainErrorCode } from '../errors';

/** Where a member stands in the bid, from the invitation to the signature. */
export const MEMBER_STATUSES = [
  'INVITED',
  'ACCEPTED',
  'DECLINED',
  'DATA_COMPLETE',
  'SIGNED',
  'WITHDRAWN',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A member that left the bid (WITHDRAWN) or never joined it (DECLINED): party to nothing. */
export const LEFT_MEMBER_STATUSES: readonly MemberStatus[] = ['WITHDRAWN', 'DECLINED'];

export function hasLeft(status: MemberStatus): boolean {
  return LEFT_MEMBER_STATUSES.includes(status);
}

/**
 * A co-contractor, party to the contract (its orders, its realised figures), or only a
 * subcontractor of one, whose work is its principal's.
 */
export type MemberRole = 'COTRAITANT' | 'SOUS_TRAITANT';

const NEXT: Record<MemberStatus, readonly MemberStatus[]> = {
  INVITED: ['ACCEPTED', 'DECLINED', 'WITHDRAWN'],
  ACCEPTED: ['DATA_COMPLETE', 'DECLINED', 'WITHDRAWN'],
  // A member may change its mind until it is withdrawn.
  DECLINED: ['ACCEPTED', 'WITHDRAWN'],
  DATA_COMPLETE: ['ACCEPTED', 'SIGNED', 'WITHDRAWN'],
  // After the signature, changes go through a change request and an amendment.
  SIGNED: [],
  WITHDRAWN: [],
};

const LABELS: Record<MemberStatus, string> = {
  INVITED: 'invité',
  ACCEPTED: 'a accepté',
  DECLINED: 'a décliné',
  DATA_COMPLETE: 'données complètes',
  SIGNED: 'a signé',
  WITHDRAWN: 'retiré',
};

export function assertMemberTransition(from: MemberStatus, to: MemberStatus): void {
  if (!NEXT[from].includes(to)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Un membre « ${LABELS[from]} » ne peut pas passer à « ${LABELS[to]} ».`,
      [{ path: 'status', code: 'INVALID_TRANSITION', message: `${from} -> ${to}` }],
    );
  }
}

/** A member declares its capacity once it has accepted, until it signs or leaves. */
export function assertMayDeclare(status: MemberStatus): void {
  if (status !== 'ACCEPTED' && status !== 'DATA_COMPLETE') {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      status === 'INVITED'
        ? 'Acceptez d’abord l’invitation pour déclarer vos capacités.'
        : `Un membre « ${LABELS[status]} » ne modifie plus ses capacités.`,
      [{ path: 'status', code: 'NOT_DECLARING', message: status }],
    );
  }
}

/** Status after the member saved its offers: complete with at least one offer. */
export function statusAfterDeclaring(status: MemberStatus, offerCount: number): MemberStatus {
  assertMayDeclare(status);
  return offerCount > 0 ? 'DATA_COMPLETE' : 'ACCEPTED';
}

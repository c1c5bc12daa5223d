import { DomainErrorCode } from '../errors';
import {
  CHANGE_REQUEST_EVENTS,
  CHANGE_REQUEST_STATUSES,
  type ChangeRequestContext,
  type ChangeRequestEvent,
  type ChangeRequestStatus,
  assertChangeRequest,
  decideChangeRequestTransition,
  remainingMembers,
} from './change-request';
import type { MemberFacts } from './member-composition';
import { refusal } from '../errors/refusal.fixture';

const LEGAL: [ChangeRequestStatus, ChangeRequestEvent, ChangeRequestStatus][] = [
  ['OPEN', 'REALLOCATE', 'REALLOCATED'],
  ['REALLOCATED', 'REALLOCATE', 'REALLOCATED'],
  ['REALLOCATED', 'OPEN_AMENDMENT_SIGNING', 'AMENDMENT_SIGNING'],
  // A re-plan's request: its new split is voted while it is open.
  ['OPEN', 'OPEN_AMENDMENT_SIGNING', 'AMENDMENT_SIGNING'],
  ['AMENDMENT_SIGNING', 'CLOSE', 'CLOSED'],
  ['OPEN', 'REJECT', 'REJECTED'],
  ['REALLOCATED', 'REJECT', 'REJECTED'],
  ['AMENDMENT_SIGNING', 'REJECT', 'REJECTED'],
];

const MEMBERS: MemberFacts[] = [
  { key: 'a', legalName: 'a', status: 'SIGNED', kind: 'ETA', employees: 40 },
  { key: 'b', legalName: 'b', status: 'SIGNED', kind: 'ETA', employees: 150 },
  { key: 'c', legalName: 'c', status: 'SIGNED', kind: 'EI', employees: 12 },
  { key: 'd', legalName: 'd', status: 'DECLINED', kind: 'ETA', employees: 8 },
];

function ready(
  status: ChangeRequestStatus,
  change: Partial<ChangeRequestContext> = {},
): ChangeRequestContext {
  return {
    status,
    rules: { minMembers: 2, smallBelowEmployees: 100 },
    remainingMembers: remainingMembers(MEMBERS, 'c'),
    reallocationAgreed: true,
    unsignedParties: [],
    ...change,
  };
}

describe('change request lifecycle', () => {
  const matrix = CHANGE_REQUEST_STATUSES.flatMap((from) =>
    CHANGE_REQUEST_EVENTS.map((event) => [from, event] as const),
  );
  const legal = (from: ChangeRequestStatus, event: ChangeRequestEvent) =>
    LEGAL.find(([a, e]) => a === from && e === event)?.[2];

  it.each(matrix.filter(([from, event]) => legal(from, event) !== undefined))(
    '%s + %s is allowed when its guard holds',
    (from, event) => {
      expect(decideChangeRequestTransition(ready(from), event)).toEqual({
        from,
        event,
        to: legal(from, event),
      });
    },
  );

  it.each(matrix.filter(([from, event]) => legal(from, event) === undefined))(
    '%s + %s is refused as not allowed',
    (from, event) => {
      const error = refusal(() => decideChangeRequestTransition(ready(from), event));
      expect(error.code).toBe(DomainErrorCode.INVALID_TRANSITION);
      expect(error.problems.map((problem) => problem.code)).toEqual(['TRANSITION_NOT_ALLOWED']);
      expect(error.message).toMatch(
        /^Impossible d.+ : la demande de modification « .+ » ne peut pas passer à « .+ » ;/,
      );
    },
  );

  it('re-allocates only if the remaining members still meet the composition rules', () => {
    const error = refusal(() =>
      decideChangeRequestTransition(
        ready('OPEN', { rules: { minMembers: 3, smallBelowEmployees: 100 } }),
        'REALLOCATE',
      ),
    );
    expect(error.problems).toEqual([
      {
        path: 'rules.minMembers',
        code: 'COMPOSITION_RULES_UNMET',
        message: 'Au moins 3 membres : 2 membres ont rejoint le groupement — non respectée.',
      },
    ]);
  });

  it('opens the amendment for signature once the new split is approved, and closes once all signed', () => {
    const notAgreed = refusal(() =>
      decideChangeRequestTransition(
        ready('REALLOCATED', { reallocationAgreed: false }),
        'OPEN_AMENDMENT_SIGNING',
      ),
    );
    expect(notAgreed.problems.map((problem) => problem.code)).toEqual(['NOT_AGREED']);
    const unsigned = refusal(() =>
      decideChangeRequestTransition(
        ready('AMENDMENT_SIGNING', { unsignedParties: ['b'] }),
        'CLOSE',
      ),
    );
    expect(unsigned.problems.map((problem) => problem.code)).toEqual(['SIGNATURES_MISSING']);
    expect(unsigned.message).toBe(
      'Impossible de clore la demande de modification : la demande de modification « avenant en ' +
        'signature » ne peut pas passer à « close » ; il manque la signature de b.',
    );
  });
});

describe('a change request', () => {
  it('must say what happened', () => {
    const error = refusal(() =>
      assertChangeRequest({ reason: 'RESTRUCTURING', memberKey: 'a', justification: ' ' }),
    );
    expect(error.problems.map((problem) => problem.code)).toEqual(['JUSTIFICATION_REQUIRED']);
    expect(() =>
      assertChangeRequest({
        reason: 'MEMBER_UNABLE_TO_PERFORM',
        memberKey: 'a',
        justification: 'Liquidation judiciaire prononcée le 2 mai.',
      }),
    ).not.toThrow();
  });

  it('splits the work again among the members still in, but the one who leaves', () => {
    expect(remainingMembers(MEMBERS, 'a').map((member) => member.key)).toEqual(['b', 'c']);
  });

  it('cannot take out a member who is not in the consortium', () => {
    for (const key of ['d', 'unknown']) {
      const error = refusal(() => remainingMembers(MEMBERS, key));
      expect(error.problems.map((problem) => problem.code)).toEqual(['NOT_A_MEMBER']);
    }
  });
});

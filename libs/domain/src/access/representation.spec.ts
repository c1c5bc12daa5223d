import fc from 'fast-check';
import { DomainErrorCode } from '../errors';
import { type Principal, type RoleGrant, principalOf } from './principal';
import {
  REPRESENTATION_ROLES,
  assertRepresentationPending,
  decideRepresentation,
  deciderCapacity,
  representationOnInvitation,
  representationStanding,
  withAskedRoles,
} from './representation';

const scope = { networkId: null, organisationId: null, bidId: null };
const person = (id: string, grants: RoleGrant[], platformAdmin = false): Principal =>
  principalOf({ id, email: `${id}@x.fr`, platformAdmin }, grants);
const request = { organisationId: 'org-a', userId: 'asker' };

describe('representationOnInvitation: what an invitation hands over', () => {
  it('grants at once for an organisation no one represents (new, or left without anyone)', () => {
    expect(
      representationOnInvitation({ asked: ['EDITOR', 'SIGNATORY'], held: [], representatives: 0 }),
    ).toEqual({ grant: ['EDITOR', 'SIGNATORY'], ask: [] });
  });

  it('grants nothing for a represented organisation: the roles wait for its people', () => {
    expect(
      representationOnInvitation({ asked: ['EDITOR', 'SIGNATORY'], held: [], representatives: 1 }),
    ).toEqual({ grant: [], ask: ['EDITOR', 'SIGNATORY'] });
  });

  it('asks only for what the person does not hold already', () => {
    expect(
      representationOnInvitation({
        asked: ['EDITOR', 'SIGNATORY'],
        held: ['EDITOR'],
        representatives: 2,
      }),
    ).toEqual({ grant: [], ask: ['SIGNATORY'] });
    expect(
      representationOnInvitation({ asked: ['EDITOR'], held: ['EDITOR'], representatives: 1 }),
    ).toEqual({ grant: [], ask: [] });
  });

  it('grants nothing at once for an organisation another network holds, even unrepresented', () => {
    expect(
      representationOnInvitation({
        asked: ['EDITOR', 'SIGNATORY'],
        held: [],
        representatives: 0,
        otherNetworks: true,
      }),
    ).toEqual({ grant: [], ask: ['EDITOR', 'SIGNATORY'] });
    expect(
      representationOnInvitation({
        asked: ['EDITOR'],
        held: [],
        representatives: 0,
        otherNetworks: false,
      }),
    ).toEqual({ grant: ['EDITOR'], ask: [] });
  });

  it('never grants anything at once when someone represents the organisation', () => {
    const roles = fc.subarray([...REPRESENTATION_ROLES]);
    fc.assert(
      fc.property(roles, roles, fc.integer({ min: 1, max: 50 }), (asked, held, representatives) => {
        const outcome = representationOnInvitation({ asked, held, representatives });
        expect(outcome.grant).toEqual([]);
        // What is asked is exactly what is missing: nothing held twice, nothing forgotten.
        expect(outcome.ask).toEqual(asked.filter((role) => !held.includes(role)));
      }),
    );
  });
});

describe('decideRepresentation: who confirms or refuses', () => {
  it('lets the organisation’s editor or signatory decide', () => {
    const editor = person('e', [{ ...scope, role: 'EDITOR', organisationId: 'org-a' }]);
    const signatory = person('s', [{ ...scope, role: 'SIGNATORY', organisationId: 'org-a' }]);
    expect(decideRepresentation(editor, request)).toEqual({ allowed: true });
    expect(decideRepresentation(signatory, request)).toEqual({ allowed: true });
    expect(deciderCapacity(editor, 'org-a')).toBe('REPRESENTATIVE');
  });

  it('lets a platform admin decide, recorded as such', () => {
    const admin = person('admin', [], true);
    expect(decideRepresentation(admin, request)).toEqual({ allowed: true });
    expect(deciderCapacity(admin, 'org-a')).toBe('PLATFORM_ADMIN');
  });

  it('hides the request from the people of another organisation and from coordinators', () => {
    const other = person('o', [{ ...scope, role: 'EDITOR', organisationId: 'org-b' }]);
    const coordinator = person('c', [{ ...scope, role: 'COORDINATOR', networkId: 'net-b' }]);
    for (const who of [other, coordinator]) {
      expect(decideRepresentation(who, request)).toMatchObject({
        allowed: false,
        hidden: true,
        object: 'representation',
      });
    }
  });

  it('never lets the person who asks decide, even an editor asking to sign, even an admin', () => {
    const asker = person('asker', [{ ...scope, role: 'EDITOR', organisationId: 'org-a' }]);
    const adminAsker = person('asker', [], true);
    for (const who of [asker, adminAsker]) {
      expect(decideRepresentation(who, request)).toMatchObject({ allowed: false, hidden: false });
    }
  });

  it('decides a request once', () => {
    expect(() => assertRepresentationPending('PENDING')).not.toThrow();
    for (const status of ['CONFIRMED', 'REFUSED'] as const) {
      expect(() => assertRepresentationPending(status)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_TRANSITION }),
      );
    }
  });
});

describe('representationStanding: who represents an organisation', () => {
  const grants = [
    { userId: 'ana', role: 'EDITOR' as const },
    { userId: 'ana', role: 'SIGNATORY' as const },
    { userId: 'bob', role: 'EDITOR' as const },
  ];

  it('counts people, not grants, and lists the roles the person holds', () => {
    expect(representationStanding(grants, 'ana')).toEqual({
      held: ['EDITOR', 'SIGNATORY'],
      representatives: 2,
    });
    expect(representationStanding(grants, 'eve')).toEqual({ held: [], representatives: 2 });
    expect(representationStanding([], 'eve')).toEqual({ held: [], representatives: 0 });
  });
});

describe('withAskedRoles: a pending request asked again', () => {
  it('holds every role asked, once, editor before signatory', () => {
    expect(withAskedRoles(['SIGNATORY'], ['EDITOR', 'SIGNATORY'])).toEqual(['EDITOR', 'SIGNATORY']);
    expect(withAskedRoles(['EDITOR'], ['EDITOR'])).toEqual(['EDITOR']);
  });
});

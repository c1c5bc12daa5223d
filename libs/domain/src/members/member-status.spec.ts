import { DomainError } from '../errors';
import {
  MEMBER_STATUSES,
  type MemberStatus,
  assertMayDeclare,
  assertMemberTransition,
  statusAfterDeclaring,
} from './member-status';

const ALLOWED: [MemberStatus, MemberStatus][] = [
  ['INVITED', 'ACCEPTED'],
  ['INVITED', 'DECLINED'],
  ['INVITED', 'WITHDRAWN'],
  ['ACCEPTED', 'DATA_COMPLETE'],
  ['ACCEPTED', 'DECLINED'],
  ['ACCEPTED', 'WITHDRAWN'],
  ['DECLINED', 'ACCEPTED'],
  ['DECLINED', 'WITHDRAWN'],
  ['DATA_COMPLETE', 'ACCEPTED'],
  ['DATA_COMPLETE', 'SIGNED'],
  ['DATA_COMPLETE', 'WITHDRAWN'],
];

describe('member statuses', () => {
  it('allows exactly the listed moves, and refuses every other with a French message', () => {
    for (const from of MEMBER_STATUSES) {
      for (const to of MEMBER_STATUSES) {
        const allowed = ALLOWED.some(([a, b]) => a === from && b === to);
        if (allowed) expect(() => assertMemberTransition(from, to)).not.toThrow();
        else expect(() => assertMemberTransition(from, to)).toThrow(DomainError);
      }
    }
    expect(() => assertMemberTransition('SIGNED', 'WITHDRAWN')).toThrow(
      'Un membre « a signé » ne peut pas passer à « retiré ».',
    );
  });

  it('lets a member declare between its acceptance and its signature', () => {
    expect(() => assertMayDeclare('INVITED')).toThrow(/Acceptez d’abord l’invitation/);
    expect(() => assertMayDeclare('WITHDRAWN')).toThrow(/retiré/);
    expect(statusAfterDeclaring('ACCEPTED', 3)).toBe('DATA_COMPLETE');
    expect(statusAfterDeclaring('DATA_COMPLETE', 0)).toBe('ACCEPTED');
  });
});

import { DomainErrorCode } from '../errors';
import {
  type RemindableMember,
  assertStepAwaitingMembers,
  reminderRefusal,
  stepAwaitingMembers,
} from './member-reminder';

const late: RemindableMember = {
  role: 'COTRAITANT',
  status: 'ACCEPTED',
  declared: false,
  voted: false,
  signed: false,
};

describe('reminding members on demand', () => {
  it.each([
    ['COLLECTING', 'DECLARATION'],
    ['PROPOSED', 'VOTE'],
    ['SIGNING', 'SIGNATURE'],
    ['ALLOCATING', null],
    ['SIGNED', null],
  ] as const)('in %s the step awaiting members is %s', (status, step) => {
    expect(stepAwaitingMembers(status)).toBe(step);
  });

  it('refuses when no step awaits the members', () => {
    expect(() => assertStepAwaitingMembers('AGREED')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_TRANSITION }),
    );
  });

  it('reminds a co-contractor who has not done the step', () => {
    expect(reminderRefusal('DECLARATION', late, 'A')).toBeNull();
    expect(reminderRefusal('VOTE', { ...late, declared: true }, 'A')).toBeNull();
  });

  it.each([
    ['DECLARATION', { declared: true }, 'A a déjà déclaré ses capacités : inutile de le relancer.'],
    ['VOTE', { voted: true }, 'A a déjà voté sur la répartition : inutile de le relancer.'],
    ['SIGNATURE', { signed: true }, 'A a déjà signé la convention : inutile de le relancer.'],
    ['DECLARATION', { status: 'WITHDRAWN' }, expect.stringContaining('ne fait plus partie')],
    ['VOTE', { role: 'SOUS_TRAITANT' }, expect.stringContaining('sous-traitant')],
  ] as const)('refuses %s when %j', (step, change, message) => {
    expect(reminderRefusal(step, { ...late, ...change }, 'A')).toEqual(message);
  });
});

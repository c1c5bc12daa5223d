import { DomainError } from '../errors';
import { assertReplanChangeOpens, assertReplanVoteOpen, replanShares } from './replan-change';

const problemOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return error.problems.map((p) => `${p.path}:${p.code}`);
    throw error;
  }
  return [];
};

describe('a re-plan put to the vote', () => {
  const done = { number: 1, status: 'DONE' };

  it('opens on a computed re-plan, once, with no other change under way', () => {
    expect(
      problemOf(() =>
        assertReplanChangeOpens({ replan: done, changeUnderWay: false, applied: false }),
      ),
    ).toEqual([]);
    expect(
      problemOf(() =>
        assertReplanChangeOpens({ replan: null, changeUnderWay: false, applied: false }),
      ),
    ).toEqual(['replan:NOT_FOUND']);
    expect(
      problemOf(() =>
        assertReplanChangeOpens({
          replan: { number: 2, status: 'QUEUED' },
          changeUnderWay: false,
          applied: false,
        }),
      ),
    ).toEqual(['replan:REPLAN_NOT_DONE']);
    expect(
      problemOf(() =>
        assertReplanChangeOpens({ replan: done, changeUnderWay: true, applied: true }),
      ),
    ).toEqual(['replan:REPLAN_ALREADY_APPLIED']);
    expect(
      problemOf(() =>
        assertReplanChangeOpens({ replan: done, changeUnderWay: true, applied: false }),
      ),
    ).toEqual(['status:CHANGE_ALREADY_OPEN']);
  });

  it('weighs each member by its amount in the re-plan, the uncovered part left out', () => {
    const line = { lot: 1, territory: '75', period: 7, hundredths: 100, insertionHours: 0 };
    expect(
      replanShares([
        { ...line, org: 'org-001', amountCents: 10 },
        { ...line, org: null, amountCents: 99 },
        { ...line, org: 'org-002', amountCents: 5 },
      ]),
    ).toEqual([
      { org: 'org-001', amountCents: 10 },
      { org: 'org-002', amountCents: 5 },
    ]);
  });

  it('takes ballots only while the request is open', () => {
    expect(problemOf(() => assertReplanVoteOpen('OPEN'))).toEqual([]);
    expect(problemOf(() => assertReplanVoteOpen('AMENDMENT_SIGNING'))).toEqual([
      'status:VOTE_CLOSED',
    ]);
    expect(problemOf(() => assertReplanVoteOpen('REJECTED'))).toEqual(['status:VOTE_CLOSED']);
  });
});

import { withDeadlineAhead } from './deadline-ahead';

const scenario = (deadline: string, idScheme = 'SIRET') => ({
  format: 'cordage.scenario/1',
  tender: { reference: 'R', deadline, buyer: { idScheme } },
});

describe('withDeadlineAhead', () => {
  it('leaves a deadline far enough ahead as it is', () => {
    const far = scenario('2027-01-15T12:00:00+01:00');
    expect(withDeadlineAhead(far, new Date('2026-10-01T00:00:00Z'), 90)).toBe(far);
  });

  it('moves a near or past deadline by whole years, at the same time on a Paris clock', () => {
    const near = scenario('2027-01-15T12:00:00+01:00');
    expect(withDeadlineAhead(near, new Date('2026-12-05T10:00:00Z'), 90).tender.deadline).toBe(
      '2028-01-15T12:00:00+01:00',
    );
    expect(withDeadlineAhead(near, new Date('2029-06-01T10:00:00Z'), 90).tender.deadline).toBe(
      '2030-01-15T12:00:00+01:00',
    );
  });

  it('keeps the wall-clock time across summer time, in Brussels for a Belgian buyer', () => {
    const summer = scenario('2026-07-01T09:30:00+02:00', 'BCE');
    expect(withDeadlineAhead(summer, new Date('2026-12-05T10:00:00Z'), 30).tender.deadline).toBe(
      '2027-07-01T09:30:00+02:00',
    );
  });

  it('changes nothing else and leaves the input untouched', () => {
    const near = scenario('2027-01-15T12:00:00+01:00');
    const moved = withDeadlineAhead(near, new Date('2027-02-01T00:00:00Z'));
    expect({ ...moved, tender: { ...moved.tender, deadline: 'x' } }).toEqual({
      ...near,
      tender: { ...near.tender, deadline: 'x' },
    });
    expect(near.tender.deadline).toBe('2027-01-15T12:00:00+01:00');
  });
});

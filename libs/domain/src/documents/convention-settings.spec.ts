import { DomainError } from '../errors';
import {
  DEFAULT_CONVENTION_SETTINGS,
  assertConventionSettingsFitDates,
  conventionSettingsProblems,
} from './convention-settings';

/** The example's deadline, noon in Paris, six weeks after "today". */
const dates = { deadline: '2027-01-15T12:00:00+01:00', timeZone: 'Europe/Paris' } as const;
const today = new Date('2026-12-04T10:00:00Z');

function refusal(exitNoticeDays: number, now = today): DomainError {
  try {
    assertConventionSettingsFitDates({ exitNoticeDays }, dates, now);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`a notice of ${exitNoticeDays} days was accepted`);
}

describe('convention settings against the bid’s dates', () => {
  it('refuses a notice to leave that would run past the submission deadline, in French', () => {
    const error = refusal(90);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'Le préavis de retrait (90\u00a0jours) dépasse le temps qui reste avant la date limite de ' +
        'remise des offres (42\u00a0jours) : aucun membre ne pourrait se retirer dans les ' +
        'conditions de la convention. Choisissez un préavis de 42\u00a0jours au plus.',
    );
    expect(error.problems).toEqual([
      { path: 'exitNoticeDays', code: 'EXIT_NOTICE_AFTER_DEADLINE', message: error.message },
    ]);
  });

  it('accepts a notice that runs out by the deadline, to the day', () => {
    expect(conventionSettingsProblems({ exitNoticeDays: 42 }, dates, today)).toEqual([]);
    expect(conventionSettingsProblems({ exitNoticeDays: 0 }, dates, today)).toEqual([]);
    expect(refusal(43).problems).toHaveLength(1);
  });

  it('counts days on the buyer’s calendar: late evening in UTC is already tomorrow in Paris', () => {
    // 23:30 UTC on 4 December is 00:30 on the 5th in Paris: 41 days are left, not 42.
    expect(refusal(42, new Date('2026-12-04T23:30:00Z')).message).toContain('(41\u00a0jours)');
  });

  it('fits the default notice in the usual weeks before the deadline', () => {
    expect(DEFAULT_CONVENTION_SETTINGS.exitNoticeDays).toBe(8);
    expect(conventionSettingsProblems(DEFAULT_CONVENTION_SETTINGS, dates, today)).toEqual([]);
  });

  it('says what is left on the day of the deadline', () => {
    const error = refusal(1, new Date('2027-01-15T08:00:00+01:00'));
    expect(error.message).toContain('(0\u00a0jour)');
    expect(error.message).toContain('seul un retrait sans préavis reste possible');
  });

  it('has nothing to check once the deadline has passed: the window the notice opens is closed', () => {
    const after = new Date('2027-01-16T09:00:00+01:00');
    expect(conventionSettingsProblems({ exitNoticeDays: 90 }, dates, after)).toEqual([]);
  });
});

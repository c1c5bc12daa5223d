import {
  calendarDate,
  calendarDaysBetween,
  procurementTimeZone,
  toZonedIso,
  wallClock,
  wallClockToIso,
} from './procurement-time';

describe('procurement time', () => {
  it('writes a UTC instant back as the wall-clock time of the bid', () => {
    expect(toZonedIso('2027-01-15T11:00:00.000Z', 'Europe/Paris')).toBe(
      '2027-01-15T12:00:00+01:00',
    );
    expect(toZonedIso(new Date('2027-07-15T10:00:00Z'), 'Europe/Brussels')).toBe(
      '2027-07-15T12:00:00+02:00',
    );
  });

  it('keeps a time already written in the zone as it is', () => {
    expect(toZonedIso('2027-01-15T12:00:00+01:00', 'Europe/Paris')).toBe(
      '2027-01-15T12:00:00+01:00',
    );
  });

  it('reads the clock in the zone, across the change of hour and of day', () => {
    expect(wallClock('2027-01-15T11:00:00Z', 'Europe/Paris')).toEqual({
      year: 2027,
      month: 1,
      day: 15,
      hour: 12,
      minute: 0,
    });
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(wallClock('2026-12-31T23:30:00Z', 'Europe/Paris')).toMatchObject({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
    });
    // Summer time: 10:00 UTC is noon.
    expect(wallClock('2027-06-30T10:00:00Z', 'Europe/Paris').hour).toBe(12);
  });

  it('turns a date and a time typed in Paris into an instant with its offset', () => {
    expect(wallClockToIso('2027-01-15', '12:00', 'Europe/Paris')).toBe('2027-01-15T12:00:00+01:00');
    expect(wallClockToIso('2027-06-15', '12:00', 'Europe/Paris')).toBe('2027-06-15T12:00:00+02:00');
    // The hour skipped in spring moves forward to a time that exists.
    expect(wallClockToIso('2027-03-28', '02:30', 'Europe/Paris')).toBe('2027-03-28T03:30:00+02:00');
  });

  it('refuses what is no date', () => {
    expect(() => toZonedIso('not a date', 'Europe/Paris')).toThrow(RangeError);
    expect(() => wallClockToIso('2027-02-30', '12:00', 'Europe/Paris')).toThrow(RangeError);
  });

  it('gives Belgian buyers Brussels time', () => {
    expect(procurementTimeZone('BCE')).toBe('Europe/Brussels');
    expect(procurementTimeZone('SIRET')).toBe('Europe/Paris');
  });

  it('counts calendar days in the zone, across the change of hour and of day', () => {
    expect(
      calendarDaysBetween('2026-12-05T10:00:00Z', '2027-01-15T12:00:00+01:00', 'Europe/Paris'),
    ).toBe(41);
    // 23:30 UTC on 4 December is already the 5th in Paris.
    expect(
      calendarDaysBetween('2026-12-04T23:30:00Z', '2027-01-15T12:00:00+01:00', 'Europe/Paris'),
    ).toBe(41);
    // Over the spring change of hour, a day of 23 hours is still a day.
    expect(
      calendarDaysBetween('2027-03-27T12:00:00+01:00', '2027-03-29T08:00:00+02:00', 'Europe/Paris'),
    ).toBe(2);
    expect(
      calendarDaysBetween('2027-01-16T09:00:00+01:00', '2027-01-15T12:00:00+01:00', 'Europe/Paris'),
    ).toBe(-1);
  });

  it('reads the day on the buyer’s calendar: 23 h 30 UTC on 31 January is already February in Paris and Brussels', () => {
    expect(calendarDate('2027-01-31T23:30:00Z', 'Europe/Paris')).toBe('2027-02-01');
    expect(calendarDate(new Date('2027-01-31T23:30:00Z'), 'Europe/Brussels')).toBe('2027-02-01');
    expect(calendarDate('2027-01-31T22:59:00Z', 'Europe/Paris')).toBe('2027-01-31');
  });
});

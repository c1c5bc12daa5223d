import { DateTime } from 'luxon';

/**
 * Dates and times of French and Belgian public procurement are wall-clock times where the buyer
 * is: a deadline "15 janvier 2027 à 12 h 00" is noon in Paris, whatever the server's zone. An
 * instant is stored as such (timestamptz); it is written back in the bid's zone, never in UTC.
 */
export const PROCUREMENT_TIME_ZONES = ['Europe/Paris', 'Europe/Brussels'] as const;
export type ProcurementTimeZone = (typeof PROCUREMENT_TIME_ZONES)[number];

/** A Belgian buyer (BCE number) buys in Brussels time; every other bid in Paris time. */
export function procurementTimeZone(buyerIdScheme: string): ProcurementTimeZone {
  return buyerIdScheme === 'BCE' ? 'Europe/Brussels' : 'Europe/Paris';
}

function instant(value: Date | string): DateTime {
  const parsed =
    typeof value === 'string'
      ? DateTime.fromISO(value, { setZone: true })
      : DateTime.fromJSDate(value);
  if (!parsed.isValid)
    throw new RangeError(`${String(value)} is no date: ${parsed.invalidExplanation}`);
  return parsed;
}

/** The instant written with the zone's offset: 2027-01-15T11:00:00Z -> "2027-01-15T12:00:00+01:00". */
export function toZonedIso(value: Date | string, zone: ProcurementTimeZone): string {
  return instant(value)
    .setZone(zone)
    .toISO({ suppressMilliseconds: true, includeOffset: true }) as string;
}

/** A date and a time read on a clock in the zone ("2027-03-28", "02:30") -> ISO with its offset. */
export function wallClockToIso(date: string, time: string, zone: ProcurementTimeZone): string {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid)
    throw new RangeError(`${date} ${time} is no date: ${local.invalidExplanation}`);
  return local.toISO({ suppressMilliseconds: true });
}

/** The fields of the instant on a clock in the zone, for writing it out in words. */
export function wallClock(
  value: Date | string,
  zone: ProcurementTimeZone,
): { year: number; month: number; day: number; hour: number; minute: number } {
  const { year, month, day, hour, minute } = instant(value).setZone(zone);
  return { year, month, day, hour, minute };
}

/** A day that exists, written YYYY-MM-DD (no 2027-02-30, no 2027-2-3). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** The day on the zone's calendar (YYYY-MM-DD): past 23 h 00 UTC in winter, Paris is already tomorrow. */
export function calendarDate(value: Date | string, zone: ProcurementTimeZone): string {
  return instant(value).setZone(zone).toISODate() as string;
}

/**
 * Whole days on the zone's calendar from `from` to `to`: from a Saturday to the Friday six weeks
 * later is 41 days, whatever the hours and a change of summer time between them; negative once
 * `to` has passed.
 */
export function calendarDaysBetween(
  from: Date | string,
  to: Date | string,
  zone: ProcurementTimeZone,
): number {
  const day = (value: Date | string) => instant(value).setZone(zone).startOf('day');
  return Math.round(day(to).diff(day(from), 'days').days);
}

import { DateTime } from 'luxon';
import { calendarDate, procurementTimeZone } from '@cordage/domain/time';
import type { BidDto } from '../api/schema';
import type { AwardedLot, Period } from './queries';

// The words and sums of the follow-up after the award, shared by its three pages.

const monthYear = new Intl.DateTimeFormat('fr-FR', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthOnly = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});
const wholeNumbers = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const wholeEuros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

/** The last day of a period (its endOn is the first day after it). */
function lastDay(period: Period): Date {
  return DateTime.fromISO(period.endOn, { zone: 'utc' }).minus({ days: 1 }).toJSDate();
}

/** « juin 2027 », or « juin – août 2027 » for a period of several months. */
export function periodLabel(period: Period): string {
  const first = new Date(`${period.startOn}T00:00:00Z`);
  if (period.months <= 1) return monthYear.format(first);
  const last = lastDay(period);
  return first.getUTCFullYear() === last.getUTCFullYear()
    ? `${monthOnly.format(first)} – ${monthYear.format(last)}`
    : `${monthYear.format(first)} – ${monthYear.format(last)}`;
}

/** « juin 27 »: a chart's axis or a heat map's column. */
export const periodShortLabel = (period: Period): string =>
  shortMonth.format(new Date(`${period.startOn}T00:00:00Z`));

/** « Lot 2 : Collèges du nord », or the title alone when it already names its lot. */
export const lotLabel = (number: number, title: string): string =>
  /^lot\s*\d/i.test(title.trim()) ? title : `Lot ${number} : ${title}`;

/** Whole hours, as the follow-up shows them: « 1 235 h ». */
export const formatWholeHours = (hours: number): string =>
  `${wholeNumbers.format(Math.round(hours))} h`;

/** A gap with its sign: « +1 200 € », « −350 € » (whole euros, for a heat map's cell). */
export function formatSignedEuros(cents: number): string {
  const text = wholeEuros.format(Math.abs(cents) / 100);
  if (Math.round(cents / 100) === 0) return wholeEuros.format(0);
  return cents > 0 ? `+${text}` : `−${text}`;
}

/** Cents to what the field shows: 1234567 -> « 12345,67 ». */
export function centsText(cents: number): string {
  const rest = cents % 100;
  const units = (cents - rest) / 100;
  return rest === 0 ? String(units) : `${units},${String(rest).padStart(2, '0')}`;
}

/** The day today on the buyer's calendar (Paris, or Brussels for a Belgian buyer). */
export const todayFor = (bid: BidDto): string =>
  calendarDate(new Date(), procurementTimeZone(bid.tender.buyer.idScheme));

/** Periods whose end has come (the drift rule reads only those). */
export const closedPeriods = (periods: readonly Period[], today: string): Period[] =>
  periods.filter((period) => period.endOn <= today);

/** Each member's key to its legal name. */
export function memberNamer(bid: BidDto): (key: string | null) => string {
  const names = new Map(bid.members.map((member) => [member.key, member.organisation.legalName]));
  return (key) => (key === null ? 'Part non couverte' : (names.get(key) ?? key));
}

/** A lot's territory codes to their names (or the label the coordinator gave the cell). */
export function territoryNamer(bid: BidDto): (lot: number, code: string) => string {
  const names = new Map(
    bid.lots.flatMap((lot) =>
      lot.cells.map((cell) => [
        `${lot.number}|${cell.territory}`,
        cell.label ?? cell.territoryName,
      ]),
    ),
  );
  return (lot, code) => names.get(`${lot}|${code}`) ?? code;
}

/** The won lots whose contract is set: the only ones realised figures are declared for. */
export const runningLots = (lots: readonly AwardedLot[]) =>
  lots.filter(
    (lot): lot is AwardedLot & { contract: NonNullable<AwardedLot['contract']> } =>
      lot.outcome === 'WON' && lot.contract !== null,
  );

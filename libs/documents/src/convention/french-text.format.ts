/**
 * Small French typography helpers shared by the template and the data sheets: dates written out
 * from the ISO text itself (the time as the tender states it, identical on every machine, whatever
 * the ICU or the time zone), percentages from basis points, yes and no.
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const NBSP = '\u00a0';

/** "2027-01-15T12:00:00+01:00" -> "15 janvier 2027" */
export function frenchDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new RangeError(`${iso} is no ISO date`);
  const [, year, month, day] = match;
  const dayNumber = Number(day);
  return `${dayNumber === 1 ? '1er' : dayNumber}${NBSP}${MONTHS[Number(month) - 1]}${NBSP}${year}`;
}

/** "2027-01-15T12:00:00+01:00" -> "15 janvier 2027 à 12 h 00" (the time as written). */
export function frenchDateTime(iso: string): string {
  const time = /T(\d{2}):(\d{2})/.exec(iso);
  if (!time) return frenchDate(iso);
  return `${frenchDate(iso)} à ${Number(time[1])}${NBSP}h${NBSP}${time[2]}`;
}

/** 150 basis points -> "1,50 %" */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = String(basisPoints % 100).padStart(2, '0');
  return `${whole},${rest}${NBSP}%`;
}

export const yesNo = (value: boolean): string => (value ? 'oui' : 'non');

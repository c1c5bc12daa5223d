import { type ProcurementTimeZone, wallClock } from '@cordage/domain';

/**
 * Small French typography helpers shared by the template and the data sheets: dates written out
 * as read on the buyer's clock (Paris or Brussels, whatever offset the ISO text carries and
 * whatever the server's zone), percentages from basis points, yes and no.
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

/** 2027-01-15T11:00:00Z in Paris -> "15 janvier 2027" */
export function frenchDate(iso: string, zone: ProcurementTimeZone): string {
  const { year, month, day } = wallClock(iso, zone);
  return `${day === 1 ? '1er' : day}${NBSP}${MONTHS[month - 1]}${NBSP}${year}`;
}

/** 2027-01-15T11:00:00Z in Paris -> "15 janvier 2027 à 12 h 00" */
export function frenchDateTime(iso: string, zone: ProcurementTimeZone): string {
  const { hour, minute } = wallClock(iso, zone);
  return `${frenchDate(iso, zone)} à ${hour}${NBSP}h${NBSP}${String(minute).padStart(2, '0')}`;
}

/** 150 basis points -> "1,50 %" */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = String(basisPoints % 100).padStart(2, '0');
  return `${whole},${rest}${NBSP}%`;
}

export const yesNo = (value: boolean): string => (value ? 'oui' : 'non');

/** What a document prints where a party has not yet given a particular. */
export const TO_COMPLETE = 'à compléter';

import { formatSharePercent } from '@cordage/domain/share-percent';
import { decimalValue } from '@cordage/domain/french-decimal';

// Amounts, hours and dates as a French reader expects them: 12 345,67 €, 1 200 h, 26 novembre 2026.

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const numbers = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const dates = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dateTimes = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** Integer cents to "12 345,67 €" (cents / 100 is exact in binary for display). */
export const formatCents = (cents: number): string => euros.format(cents / 100);
export const formatHours = (hours: number): string => `${numbers.format(hours)} h`;
export const formatNumber = (value: number): string => numbers.format(value);
/** A share in per mille (the api's unit) to "12,50 %": the documents' formatter, shared. */
export const formatPermille = (permille: number): string => formatSharePercent(permille);
export const formatDate = (iso: string): string => dates.format(new Date(iso));
export const formatDateTime = (iso: string): string => dateTimes.format(new Date(iso));

/** "12,50" or "12.50" or "12 345 €" typed in a field, to integer cents; null when not an amount. */
export function parseEuros(text: string): number | null {
  const euros = decimalValue(text.replace(/\s*€\s*$/, ''));
  // Two decimals at most: the rounding only removes the binary float's noise.
  return euros === null ? null : Math.round(euros * 100);
}

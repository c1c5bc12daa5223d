import { wallClockToIso } from '@cordage/domain/time';

/** A deadline typed as a date and a time in Paris ("2027-01-15", "12:00"), sent with its offset. */
export function parisIso(date: string, time: string): string {
  return wallClockToIso(date, time, 'Europe/Paris');
}

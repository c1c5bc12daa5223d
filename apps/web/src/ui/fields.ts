import { z } from 'zod';

/**
 * A text field read trimmed, of `min` to `max` characters, each limit refused with its own
 * message: names, titles, reasons.
 */
export function boundedText({
  min,
  tooShort,
  max,
  tooLong,
}: {
  min: number;
  tooShort: string;
  max: number;
  tooLong: string;
}) {
  return z.string().trim().min(min, tooShort).max(max, tooLong);
}

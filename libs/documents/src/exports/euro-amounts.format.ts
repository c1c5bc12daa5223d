/**
 * Money is integer cents everywhere in Cordage; these are the only two ways the exports turn it
 * into euros, so that every file agrees with the model to the cent.
 */

/** 123456 -> 1234.56 as a number, for spreadsheet cells and OCDS amounts (exact to display). */
export function centsToEuros(cents: number): number {
  assertCents(cents);
  return cents / 100;
}

/** 123456 -> "1234.56", by string arithmetic so that no float ever rounds a figure. */
export function centsToDecimalText(cents: number): string {
  assertCents(cents);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
}

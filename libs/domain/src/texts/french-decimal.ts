// Numbers as French people type them: « 12,5 », « 1 200 », « 1 200,5 ». The web app's fields
// read them with this (never an <input type="number">, which read « 12,5 » as 125): what cannot
// be read one way only is refused with a message that says how to write it.

export interface DecimalOptions {
  /** Whole numbers only (a head count, insertion hours). */
  integer?: boolean;
  /** Digits after the comma, at most (2 unless said). */
  maxDecimals?: number;
}

export type DecimalReading =
  { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; message: string };

/** Spaces people and Intl put between thousands: space, no-break space, narrow no-break space. */
const SPACES = /[ \u00a0\u202f]/g;
/** Digits grouped by three with one kind of space, or not grouped at all. */
const GROUPED = /^\d{1,3}([ \u00a0\u202f]\d{3})+$/;

function wholePart(text: string): string | null {
  if (/^\d+$/.test(text)) return text;
  if (GROUPED.test(text)) return text.replace(SPACES, '');
  return null;
}

/** What a person typed, read as a number or refused with a French message. */
export function readDecimal(typed: string, options: DecimalOptions = {}): DecimalReading {
  const maxDecimals = options.integer ? 0 : (options.maxDecimals ?? 2);
  const text = typed.trim();
  if (text === '') return { kind: 'empty' };
  if (/^[-−]/.test(text)) return { kind: 'invalid', message: 'Indiquez un nombre positif.' };

  const commas = text.split(',').length - 1;
  const dots = text.split('.').length - 1;
  let whole: string;
  let decimals = '';
  if (commas + dots === 0) {
    whole = text;
  } else if (commas + dots > 1) {
    // « 1.200,5 » or « 1,200.5 »: thousands marked with the other sign, one way or the other.
    return {
      kind: 'invalid',
      message: `« ${text} » peut se lire de deux façons : séparez les milliers par une espace et les décimales par une virgule (par exemple 1 200,5).`,
    };
  } else {
    const [before = '', after = ''] = text.split(/[.,]/);
    // « 1.200 » is 1 200 for some and 1,2 for others; a comma is always the decimal sign here.
    if (dots === 1 && /^\d{3}$/.test(after) && /^[1-9]\d{0,2}$/.test(before)) {
      return {
        kind: 'invalid',
        message: `« ${text} » peut se lire de deux façons : écrivez ${before} ${after} pour des milliers, ou ${before},${after.replace(/0+$/, '') || '0'} pour des décimales.`,
      };
    }
    whole = before;
    decimals = after;
  }

  const units = whole === '' && decimals !== '' ? '0' : wholePart(whole);
  if (units === null || !/^\d*$/.test(decimals) || (decimals === '' && text !== whole)) {
    return {
      kind: 'invalid',
      message: options.integer
        ? 'Indiquez un nombre entier, en chiffres (par exemple 1 200).'
        : 'Indiquez un nombre en chiffres, avec une virgule pour les décimales (par exemple 12,5 ou 1 200).',
    };
  }
  const significant = decimals.replace(/0+$/, '');
  if (significant.length > maxDecimals) {
    return {
      kind: 'invalid',
      message:
        maxDecimals === 0
          ? 'Indiquez un nombre entier, sans décimales.'
          : `${maxDecimals} chiffres après la virgule au plus.`,
    };
  }
  const value = Number(`${units}.${significant || '0'}`);
  if (!Number.isSafeInteger(Math.trunc(value)))
    return { kind: 'invalid', message: 'Ce nombre est trop grand.' };
  return { kind: 'number', value };
}

/** The number typed, or null when the field is empty or cannot be read. */
export function decimalValue(typed: string, options?: DecimalOptions): number | null {
  const reading = readDecimal(typed, options);
  return reading.kind === 'number' ? reading.value : null;
}

/** Six decimals: hours count to the microhour; a stored value is never rounded by its field. */
const TEXT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6, useGrouping: true });

/** A number as the field shows it once read: « 1 200,5 » (narrow spaces, as French prints). */
export const decimalText = (value: number): string => TEXT.format(value);

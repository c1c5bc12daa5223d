/**
 * Numbers written the French way, identically on every machine. Intl picks the digits, the
 * rounding and the grouping; the separators are then fixed by hand, because ICU versions differ on
 * them (narrow no-break space or plain space between thousands) and a result must be byte-identical
 * wherever it is computed.
 */
const THOUSANDS = '\u202f'; // narrow no-break space, as French typography has it
const BEFORE_UNIT = '\u00a0'; // no-break space: "12 h", "5 %", "3,50 €" never break apart

/** Building a formatter costs far more than using one: one per precision, made once. */
const formatters = new Map<string, Intl.NumberFormat>();

function frenchNumber(value: number, fractionDigits: { min: number; max: number }): string {
  const precision = `${fractionDigits.min}-${fractionDigits.max}`;
  let format = formatters.get(precision);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: fractionDigits.min,
      maximumFractionDigits: fractionDigits.max,
    });
    formatters.set(precision, format);
  }
  return format
    .formatToParts(value)
    .map((part) => {
      if (part.type === 'group') return THOUSANDS;
      if (part.type === 'decimal') return ',';
      if (part.type === 'minusSign') return '-';
      return part.value;
    })
    .join('');
}

/** 123456789 -> "1 234 567,89 €" (exact: whole euros and cents are formatted apart). */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const euros = frenchNumber(Math.floor(magnitude / 100), { min: 0, max: 0 });
  const rest = String(magnitude % 100).padStart(2, '0');
  return `${sign}${euros},${rest}${BEFORE_UNIT}€`;
}

/** 1000 -> "1 000" */
export function formatCount(count: number): string {
  return frenchNumber(count, { min: 0, max: 0 });
}

/** 1234.5 -> "1 234,5 h" (at most two decimals, as hours are reported). */
export function formatHours(hours: number): string {
  return `${frenchNumber(hours, { min: 0, max: 2 })}${BEFORE_UNIT}h`;
}

/**
 * A fraction as a percentage rounded down to one decimal, for "at least" statements that must
 * not overstate: 0.6346 -> "63,4 %". Solver noise (below 1e-7) does not push a value under.
 */
export function formatPercentAtLeast(fraction: number): string {
  const permille = Math.floor(fraction * 1000 + 1e-4);
  return `${frenchNumber(permille / 10, { min: 0, max: 1 })}${BEFORE_UNIT}%`;
}

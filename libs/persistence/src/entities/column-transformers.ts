import type { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint and numeric as strings so that no precision is lost on the way. Cents are
 * integers well below 2^53 (90 billion euros), so they become safe JS integers; anything beyond is
 * refused rather than rounded.
 */
export const centsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const cents = Number(value);
    if (!Number.isSafeInteger(cents)) throw new RangeError(`amount out of range: ${value} cents`);
    return cents;
  },
};

/** Hours are stored as exact numerics and read as numbers (they are quantities, not money). */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * Lookups the caller's own logic guarantees: an index built from the same input, a key listed a
 * line above. A miss there is a bug, not bad input (bad input is a DomainError raised earlier):
 * it fails at once, saying what was missing, instead of an `undefined` travelling on.
 */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantViolation';
  }
}

/** The element at `index` of `items` (an array, a typed array), which must be there. */
export function at<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  if (!isInRange(items, index, item)) {
    throw new InvariantViolation(`no element at index ${index} of a list of ${items.length}`);
  }
  return item;
}

/** An element read within the bounds is a T, even an undefined one when T allows it. */
function isInRange<T>(items: ArrayLike<T>, index: number, _item: T | undefined): _item is T {
  return Number.isInteger(index) && index >= 0 && index < items.length;
}

/** `value`, which must be there (neither undefined nor null); `what` names it in the error. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new InvariantViolation(`${what} is missing`);
  return value;
}

/** The character no text can hold here: Postgres refuses it in text and jsonb alike. */
export const NUL_CHARACTER = '\u0000';

export const NUL_CHARACTER_MESSAGE = 'caractère nul (\\u0000) interdit dans un texte';

/**
 * Where a value (a parsed body, a scenario file) holds a string, or an object key, with a NUL
 * character: the paths, at most `limit` of them, in document order. Walked without recursion,
 * since a hostile document may nest deeper than the call stack; only arrays and plain objects are
 * entered (a Buffer is bytes, not text).
 */
export function nulCharacterPaths(
  root: unknown,
  rootPath: readonly PropertyKey[] = [],
  limit = 20,
): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const stack: { value: unknown; path: readonly PropertyKey[] }[] = [
    { value: root, path: rootPath },
  ];
  while (stack.length > 0 && found.length < limit) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL_CHARACTER)) found.push([...path]);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: [...path, index] });
    } else if (isPlainObject(value)) {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index];
        if (key.includes(NUL_CHARACTER)) found.push([...path, key]);
        else stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

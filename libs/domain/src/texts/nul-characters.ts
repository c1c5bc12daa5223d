/** The character no text can hold here: Postgres refuses it in text and jsonb alike. */
export const NUL_CHARACTER = '\u0000';

export const NUL_CHARACTER_MESSAGE = 'caractère nul (\\u0000) interdit dans un texte';

/** A value met on the walk, with the way back to the root (paths are only built when needed). */
interface Step {
  value: unknown;
  key: PropertyKey | undefined;
  parent: Step | undefined;
}

/**
 * Where a value (a parsed body, a scenario file) holds a string, or an object key, with a NUL
 * character: the paths, at most `limit` of them, in document order. Walked without recursion and
 * without copying paths, since a hostile document may nest deeper than the call stack; only
 * arrays and plain objects are entered (a Buffer is bytes, not text).
 */
export function nulCharacterPaths(
  root: unknown,
  rootPath: readonly PropertyKey[] = [],
  limit = 20,
): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const stack: Step[] = [{ value: root, key: undefined, parent: undefined }];
  while (found.length < limit) {
    const step = stack.pop();
    if (step === undefined) break;
    const { value, key } = step;
    if (typeof key === 'string' && key.includes(NUL_CHARACTER)) {
      found.push(pathOf(step, rootPath));
    } else if (typeof value === 'string') {
      if (value.includes(NUL_CHARACTER)) found.push(pathOf(step, rootPath));
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], key: index, parent: step });
    } else if (isPlainObject(value)) {
      // Pushed last key first, so that the keys come off the stack in their order.
      for (const key of Object.keys(value).reverse())
        stack.push({ value: value[key], key, parent: step });
    }
  }
  return found;
}

function pathOf(step: Step, rootPath: readonly PropertyKey[]): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) path.push(at.key);
  return [...rootPath, ...path.reverse()];
}

/** An object literal of any realm (a test's vm, a worker), or of the null prototype. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

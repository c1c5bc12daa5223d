import { z } from 'zod';

const uuid = z.uuid();

/** Whether a value (a path parameter, say) is a UUID: anything else names nothing stored. */
export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}

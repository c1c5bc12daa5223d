import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError, messageOf } from '../api/errors';
import { showProblems } from '../ui/problems';

/**
 * Puts an api refusal's problems next to their fields; returns the message to show above the
 * form, or null when every problem found its field.
 */
export function placeRefusal<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldOf?: (apiPath: string) => string | null,
): string | null {
  const left = showProblems(error, setError, fieldOf);
  const placed = error instanceof ApiError && error.problems.length > 0 && left.length === 0;
  return placed ? null : messageOf(error);
}

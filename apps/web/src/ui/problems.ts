import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, type Problem } from '../api/errors';

/** "offers[3].hours" (the api's paths) to "offers.3.hours" (react-hook-form's). */
export const toFieldPath = (path: string): string => path.replace(/\[(\d+)\]/g, '.$1');

/**
 * Puts each problem of an api refusal next to its field; returns those that match no field of
 * the form, for a message above it.
 */
export function showProblems<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldOf: (apiPath: string) => string | null = toFieldPath,
): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const unplaced: Problem[] = [];
  for (const problem of error.problems) {
    const field = fieldOf(problem.path);
    if (field) setError(field as Path<T>, { type: 'server', message: problem.message });
    else unplaced.push(problem);
  }
  return unplaced;
}

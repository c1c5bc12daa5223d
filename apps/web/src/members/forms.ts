import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError, type Problem, messageOf } from '../api/errors';
import { sentence } from '../ui/sentence';

/** The api words field problems in lower case (« organisation déjà membre »): a sentence reads better. */
export function capitalised<T extends FieldValues>(
  setError: UseFormSetError<T>,
): UseFormSetError<T> {
  return (name, error, options) =>
    setError(
      name,
      {
        ...error,
        message: error.message && sentence(error.message),
      },
      options,
    );
}

/**
 * What to say above a refused form: the api's message, then the problems that sit next to no
 * field. Input validation words each problem for people; a business rule's message already says
 * it all (its problems carry codes for programs).
 */
export function refusalLines(error: unknown, unplaced: readonly Problem[]): string[] {
  if (!(error instanceof ApiError) || error.code !== 'INVALID_REQUEST') return [messageOf(error)];
  if (unplaced.length === 0) return ['Corrigez les champs signalés en rouge.'];
  return [error.message, ...unplaced.map((problem) => problem.message)];
}

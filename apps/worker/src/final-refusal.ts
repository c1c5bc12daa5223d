import { UnrecoverableError } from 'bullmq';

/**
 * Runs a job's work. A refusal (refused data, an unknown request) will never succeed: it fails the
 * job without retry. Anything else (infrastructure) is thrown as it is, retried with backoff.
 */
export async function failRefusalsForGood<T>(
  work: () => Promise<T>,
  isRefusal: (error: unknown) => error is Error,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isRefusal(error)) throw new UnrecoverableError(error.message);
    throw error;
  }
}

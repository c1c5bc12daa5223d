// Test fixture (excluded from the build): what the domain's specs ask of a refused call.
import { DomainError } from './domain.error';

/** The DomainError `act` was refused with; success or any other error fails the test. */
export function refusal(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The refusal's error code and its problems' codes, or null when `act` is not refused. */
export function refusalCodes(act: () => unknown): { code: string; problems: string[] } | null {
  try {
    act();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, problems: error.problems.map((problem) => problem.code) };
  }
}

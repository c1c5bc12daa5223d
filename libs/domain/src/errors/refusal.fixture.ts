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

import type { DomainErrorCode } from './domain-error-code';

/** One thing wrong in an input, located by its path (`offers[12].territory`). */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

/** A failure the user can act on. `message` is written for a person (in French). */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

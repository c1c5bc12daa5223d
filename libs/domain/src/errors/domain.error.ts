import { DomainErrorCode } from './domain-error-code';

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

/**
 * An input refused for its problems, each kept by its path and all told in one sentence after
 * what was refused: « Déplacement refusé : a ; b. »
 */
export function inputRefused(refused: string, problems: readonly Problem[]): DomainError {
  return new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `${refused} : ${problems.map((problem) => problem.message).join(' ; ')}.`,
    problems,
  );
}

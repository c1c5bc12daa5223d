import { DomainError, DomainErrorCode } from '@cordage/domain';

/**
 * The refusal of what comes only after the award of the lots is recorded (`what happens`, as
 * the sentence starts), answered on `path`.
 */
export function notAwardedYet(path: string, whatHappens: string): DomainError {
  return new DomainError(
    DomainErrorCode.WORKFLOW_RULE_VIOLATED,
    `${whatHappens} une fois l’attribution des lots enregistrée.`,
    [{ path, code: 'NOT_AWARDED', message: 'attribution des lots non enregistrée' }],
  );
}

import { DomainError, DomainErrorCode } from '@cordage/domain';

export function notFound(what: string, id: string): DomainError {
  return new DomainError(DomainErrorCode.NOT_FOUND, `${what} ${id} introuvable.`);
}

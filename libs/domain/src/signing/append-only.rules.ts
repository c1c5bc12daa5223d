import { DomainError, DomainErrorCode } from '../errors';

/**
 * A signed revision must extend the previous one byte for byte: rewriting any earlier byte would
 * break the signatures already applied.
 */
export function assertAppendOnly(previous: Uint8Array, next: Uint8Array): void {
  const extendsPrevious =
    next.length > previous.length &&
    Buffer.from(next.buffer, next.byteOffset, previous.length).equals(
      Buffer.from(previous.buffer, previous.byteOffset, previous.length),
    );
  if (!extendsPrevious) {
    throw new DomainError(
      DomainErrorCode.SIGNATURE_INVALID,
      'La nouvelle version du document ne prolonge pas la précédente : les signatures déjà apposées seraient rompues.',
      [],
      { previousLength: previous.length, nextLength: next.length },
    );
  }
}

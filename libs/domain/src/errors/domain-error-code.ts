/**
 * Every error the domain can raise. The api maps each code to an HTTP status in one exhaustive
 * switch; values are part of the public contract (clients match on them) and never change.
 */
export enum DomainErrorCode {
  INVALID_SCENARIO = 'INVALID_SCENARIO',
  DUPLICATE_TENDER = 'DUPLICATE_TENDER',
  NOT_FOUND = 'NOT_FOUND',
}

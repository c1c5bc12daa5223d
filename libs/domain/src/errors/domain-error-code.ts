/**
 * Every error the domain can raise. The api maps each code to an HTTP status in one exhaustive
 * switch; values are part of the public contract (clients match on them) and never change.
 */
export enum DomainErrorCode {
  INVALID_SCENARIO = 'INVALID_SCENARIO',
  DUPLICATE_TENDER = 'DUPLICATE_TENDER',
  NOT_FOUND = 'NOT_FOUND',
  /** A request that needs a signed-in user came without a valid session. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** A state-changing request without the session's X-CSRF-Token. */
  CSRF_TOKEN_INVALID = 'CSRF_TOKEN_INVALID',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** A login link that is unknown, already used or expired. */
  LOGIN_LINK_INVALID = 'LOGIN_LINK_INVALID',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  /** Input well formed but not acceptable here (a territory outside the bid, ...). */
  INVALID_INPUT = 'INVALID_INPUT',
  /** A signature that does not verify, or a revision that would break the earlier signatures. */
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  /** A certificate that cannot sign: wrong password, expired, not yet valid, key usage refused. */
  CERTIFICATE_INVALID = 'CERTIFICATE_INVALID',
  /** A signing confirmation code that is wrong, expired, already used or locked. */
  ONE_TIME_CODE_INVALID = 'ONE_TIME_CODE_INVALID',
  /** A workflow step the current state refuses (a bid, a change request); problems name the guard. */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** An action the workflow's rules forbid now: membership frozen (R2142-26), charter not accepted. */
  WORKFLOW_RULE_VIOLATED = 'WORKFLOW_RULE_VIOLATED',
  /** An organisation the network's directory already lists: change its entry instead. */
  ALREADY_IN_DIRECTORY = 'ALREADY_IN_DIRECTORY',
}

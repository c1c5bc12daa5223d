import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { DomainErrorCode, Permission } from '@cordage/domain';
import { ApiProblems, type ProblemCode } from '../common/api-problems.decorator';

export const ACCESS_METADATA = 'cordage:access';

const { UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_INPUT } = DomainErrorCode;

/**
 * What AccessGuard answers, rule by rule, before the route runs: no session, refused, or an
 * object hidden from the caller (answered exactly like one that does not exist).
 */
const GUARD_PROBLEMS: Record<Permission, readonly DomainErrorCode[]> = {
  [Permission.PUBLIC]: [],
  [Permission.SIGNED_IN]: [UNAUTHENTICATED],
  [Permission.PLATFORM_ADMIN]: [UNAUTHENTICATED, FORBIDDEN],
  // Without ?networkId, a coordinator of no network or of several is asked to name one.
  [Permission.NETWORK_CREATE_BID]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_INPUT],
  [Permission.NETWORK_MANAGE]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.NETWORK_DIRECTORY_READ]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.JOB_READ]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.BID_READ]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.BID_MANAGE]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_EDIT]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_PARTICULARS_EDIT]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_READ]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_SIGN]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_APPROVE]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_REPORT]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_SUBCONTRACTS_MANAGE]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.SUBCONTRACTOR_EDIT]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.MEMBER_OFFERS_READ]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
  [Permission.REPRESENTATION_DECIDE]: [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND],
};

/**
 * The permission a route needs. Every route declares one (the guard refuses the others), and it
 * is published in the OpenAPI document as `x-access`, with the guard's answers. The session (and
 * the CSRF header on changes) is the document's default requirement; a public route needs none.
 */
export function Access(permission: Permission): MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, permission),
    ApiExtension('x-access', permission),
    // The rate limit (ThrottlerGuard) runs before, on every route.
    ApiProblems(...GUARD_PROBLEMS[permission], DomainErrorCode.TOO_MANY_REQUESTS),
    ...(permission === Permission.PUBLIC ? [ApiSecurity({})] : []),
  );
}

/**
 * A change that the domain's rules may refuse: the permission it needs (Access), and the answers
 * of a body it cannot accept (INVALID_INPUT) or a rule of the workflow that refuses it
 * (WORKFLOW_RULE_VIOLATED), with the other problems the route names.
 */
export function Change(permission: Permission, ...problems: ProblemCode[]): MethodDecorator {
  return applyDecorators(
    Access(permission),
    ApiProblems('INVALID_INPUT', 'WORKFLOW_RULE_VIOLATED', ...problems),
  );
}

import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Actor, BidAccessScope, Principal } from '@cordage/domain';
import type { SessionEntity } from '@cordage/persistence';
import type { AccessRequest } from './access-request';

function accessRequest(context: ExecutionContext): AccessRequest {
  return context.switchToHttp().getRequest<AccessRequest>();
}

/** The signed-in user (the guard has made sure there is one). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const { principal } = accessRequest(context);
    if (!principal) throw new Error('CurrentPrincipal used on a route without a signed-in rule');
    return principal;
  },
);

/** The session the request came with (the guard has made sure there is one). */
export const CurrentSession = createParamDecorator(
  (_: unknown, context: ExecutionContext): SessionEntity => {
    const { session } = accessRequest(context);
    if (!session) throw new Error('CurrentSession used on a route without a signed-in rule');
    return session;
  },
);

/** Who acts, for the audit log: the user, and the request id that ties the log lines together. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = accessRequest(context);
  return {
    userId: request.principal?.userId ?? null,
    label: request.principal?.email ?? 'anonyme',
    requestId: request.id ?? null,
  };
});

/** The bid the route's :bidId named, as the guard resolved it. */
export const CurrentBid = createParamDecorator(
  (_: unknown, context: ExecutionContext): BidAccessScope => {
    const { bidScope } = accessRequest(context);
    if (!bidScope) throw new Error('CurrentBid used on a route without a bid rule');
    return bidScope;
  },
);

/**
 * The revision of the bid the route's :bidId named, read by the guard with its scope: what the
 * bid's kept read is checked against, without a query of its own.
 */
export const CurrentBidRevision = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null => {
    const { bidScope, bidRevision } = accessRequest(context);
    if (!bidScope) throw new Error('CurrentBidRevision used on a route without a bid rule');
    return bidRevision ?? null;
  },
);

/** The network a NETWORK_CREATE_BID route acts in. */
export const CurrentNetwork = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const { networkId } = accessRequest(context);
    if (!networkId) throw new Error('CurrentNetwork used on a route without a network rule');
    return networkId;
  },
);

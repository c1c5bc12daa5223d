import { skipToken, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { AllocationVersionDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

export type AllocationResult = AllocationVersionDto['result'];
export type MemberShare = AllocationResult['members'][number];

/** Under ['bid', id]: invalidating the bid refreshes the versions too. */
export const allocationKeys = {
  versions: (bidId: string) => bidKeys.part(bidId, 'allocations'),
  version: (bidId: string, number: number) => bidKeys.part(bidId, 'allocations', number),
  comparison: (bidId: string, from: number, to: number) =>
    bidKeys.part(bidId, 'allocations', 'compare', from, to),
  changeRequests: (bidId: string) => bidKeys.part(bidId, 'change-requests'),
  offers: (bidId: string, member: string, lot: number) =>
    bidKeys.part(bidId, 'offers', member, lot),
};

export function useVersions(bidId: string) {
  return useQuery({
    queryKey: allocationKeys.versions(bidId),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/allocations', { params: { path: { bidId } } })),
  });
}

export function useVersion(bidId: string, number: number | null) {
  return useQuery({
    queryKey: allocationKeys.version(bidId, number ?? 0),
    // skipToken: no request until a version is chosen.
    queryFn:
      number === null
        ? skipToken
        : () =>
            unwrap(
              api.GET('/api/bids/{bidId}/allocations/{number}', {
                params: { path: { bidId, number } },
              }),
            ),
    // A version never changes once written.
    staleTime: Infinity,
  });
}

export function useComparison(bidId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: allocationKeys.comparison(bidId, from ?? 0, to ?? 0),
    queryFn:
      from === null || to === null
        ? skipToken
        : () =>
            unwrap(
              api.GET('/api/bids/{bidId}/allocations/compare', {
                params: { path: { bidId }, query: { from, to } },
              }),
            ),
    enabled: from !== to,
    staleTime: Infinity,
  });
}

/** Every change request of the bid, oldest first. */
const changeRequestsQuery = (bidId: string) => ({
  queryKey: allocationKeys.changeRequests(bidId),
  queryFn: () =>
    unwrap(api.GET('/api/bids/{bidId}/change-requests', { params: { path: { bidId } } })),
});

export function useChangeRequests(bidId: string) {
  return useQuery(changeRequestsQuery(bidId));
}

/**
 * After the signature, an open change of membership is what allows a new split (a re-plan's
 * request, of the kind REPLAN, carries its own split: not this one).
 */
export function useActiveChangeRequest(bidId: string, enabled: boolean) {
  return useQuery({
    ...changeRequestsQuery(bidId),
    enabled,
    select: (requests) =>
      requests.find(
        (request) =>
          request.reason !== 'REPLAN' &&
          (request.status === 'OPEN' || request.status === 'REALLOCATED'),
      ) ?? null,
  });
}

/**
 * The offers on one lot, of one member or (member '') of all: the territories a manual change
 * may touch, and who may take hours there.
 */
export function useMemberOffers(
  bidId: string,
  member: string,
  lot: number | null,
  { allMembers = false } = {},
) {
  return useQuery({
    queryKey: allocationKeys.offers(bidId, member, lot ?? 0),
    queryFn:
      lot === null
        ? skipToken
        : () =>
            unwrap(
              api.GET('/api/bids/{bidId}/offers', {
                params: {
                  path: { bidId },
                  query: { lot, limit: 1000, ...(member !== '' && { member }) },
                },
              }),
            ),
    enabled: allMembers || member !== '',
  });
}

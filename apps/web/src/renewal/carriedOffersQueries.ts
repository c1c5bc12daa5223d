import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { CarriedOffersDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

/**
 * What a member of a renewed bid is proposed to declare (its offers of the previous tender), for
 * its editors and the coordinators; under the bid's key, so a declaration refreshes it.
 */
export function useCarriedOffers(bidId: string, memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: bidKeys.part(bidId, 'members', memberId, 'carried-offers'),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/members/{memberId}/carried-offers', {
          params: { path: { bidId, memberId } },
        }),
      ),
    enabled,
  });
}

/** The proposal while it stands: the bid renews a tender and nothing is declared yet. */
export function standingProposal(carried: CarriedOffersDto | undefined): CarriedOffersDto | null {
  if (!carried || carried.previous === null || carried.declared) return null;
  const empty = carried.offers.length === 0 && carried.dropped.length === 0 && !carried.limits;
  return empty ? null : carried;
}

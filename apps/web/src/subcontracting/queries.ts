import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type {
  BidSubcontractingDto,
  EngagementDto,
  SubcontractingOverviewDto,
  SubcontractorDirectoryDto,
  SubcontractorViewDto,
} from '../api/schema';
import { bidKeys } from '../bids/queries';

export type Overview = SubcontractingOverviewDto;
export type Subcontract = Overview['subcontracts'][number];
export type Subcontractor = Overview['subcontractors'][number];
export type OwnView = SubcontractorViewDto;

export const KIND_WORDS: Record<Subcontract['kind'], string> = {
  SOUS_TRAITANCE: 'Sous-traitance',
  MISE_A_DISPOSITION: 'Mise à disposition de salariés',
};

const overviewKey = (bidId: string, memberId: string) =>
  bidKeys.part(bidId, 'members', memberId, 'subcontracting');

/** A member's subcontractors, their answers and declarations, and its subcontracts. */
export function useSubcontracting(bidId: string, memberId: string) {
  return useQuery({
    queryKey: overviewKey(bidId, memberId),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/members/{memberId}/subcontracting', {
          params: { path: { bidId, memberId } },
        }),
      ),
  });
}

export function useRefreshSubcontracting(bidId: string, memberId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: overviewKey(bidId, memberId) }),
        // The coordinators' view of the whole tier counts it too.
        queryClient.invalidateQueries({ queryKey: bidKeys.part(bidId, 'subcontracting') }),
      ]),
    [queryClient, bidId, memberId],
  );
}

const ownKey = (bidId: string, memberId: string) => ['subcontractor', bidId, memberId] as const;

/** A subcontractor's own page: its principal's lots and what it declared. */
export function useOwnView(bidId: string, memberId: string) {
  return useQuery({
    queryKey: ownKey(bidId, memberId),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/subcontractors/{subcontractorId}', {
          params: { path: { bidId, subcontractorId: memberId } },
        }),
      ),
  });
}

export function useRefreshOwnView(bidId: string, memberId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: ownKey(bidId, memberId) }),
    [queryClient, bidId, memberId],
  );
}

/** R2193-10: the buyer pays a subcontractor directly from 600 EUR incl. VAT (the api decides). */
export const DIRECT_PAYMENT_FROM_CENTS = 60_000;

/** « Lot 2 : Peinture », unless the title already starts with its number. */
export const lotName = (lot: { number: number; title: string }) =>
  lot.title.startsWith(`Lot ${lot.number}`) ? lot.title : `Lot ${lot.number} : ${lot.title}`;

export type BidSubcontracting = BidSubcontractingDto;
export type Engagement = EngagementDto;
export type DirectoryCandidate = SubcontractorDirectoryDto['organisations'][number];

/** The coordinators' view of the whole tier: every member's subcontractors and the lots' totals. */
export function useBidSubcontracting(bidId: string) {
  return useQuery({
    queryKey: bidKeys.part(bidId, 'subcontracting'),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/subcontracting', {
          params: { path: { bidId } },
        }),
      ),
  });
}

/** Organisations of the network's directory the member may pick, by name or identifier. */
export function useSubcontractorDirectory(bidId: string, memberId: string, search: string) {
  return useQuery({
    queryKey: bidKeys.part(bidId, 'members', memberId, 'subcontractor-directory', search),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/members/{memberId}/subcontractor-directory', {
          params: { path: { bidId, memberId }, query: search ? { search } : {} },
        }),
      ),
  });
}

/** Where my organisations work as subcontractors (home page). */
export function useEngagements() {
  return useQuery({
    queryKey: ['subcontracting', 'engagements'] as const,
    queryFn: () => unwrap(api.GET('/api/subcontracting/engagements')),
  });
}

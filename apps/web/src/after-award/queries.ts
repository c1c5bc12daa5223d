import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { ContractAwardDto, PlannedRealisedDto, PlannedRealisedTotalsDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

export type AwardedLot = ContractAwardDto['lots'][number];
export type PlannedCell = ContractAwardDto['cells'][number];
export type Period = NonNullable<AwardedLot['contract']>['periods'][number];
export type Total = PlannedRealisedTotalsDto['totals'][number];
export type Line = PlannedRealisedDto['lines'][number];

/** Query keys of the follow-up: a declaration refreshes every one of them. */
export const afterAwardKeys = {
  all: (bidId: string) => bidKeys.part(bidId, 'after-award'),
  award: (bidId: string) => bidKeys.part(bidId, 'after-award', 'award'),
  totals: (bidId: string, lot: number | null) => bidKeys.part(bidId, 'after-award', 'totals', lot),
  lines: (bidId: string, lot: number | null, memberId: string | null) =>
    bidKeys.part(bidId, 'after-award', 'lines', lot, memberId),
};

/** The lots won and lost, their contracts and periods, and the planned split. */
export function useAward(bidId: string) {
  return useQuery({
    queryKey: afterAwardKeys.award(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/award', { params: { path: { bidId } } })),
  });
}

/** Planned against realised per member, lot and period (the follow-up page). */
export function useTotals(bidId: string, lot: number | null) {
  return useQuery({
    queryKey: afterAwardKeys.totals(bidId, lot),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/realised/totals', {
          params: { path: { bidId }, query: lot === null ? {} : { lot } },
        }),
      ),
    enabled: lot !== null,
  });
}

/** Planned against realised per member, lot, territory cell and period. */
export function useLines(bidId: string, lot: number | null, memberId: string | null) {
  return useQuery({
    queryKey: afterAwardKeys.lines(bidId, lot, memberId),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/realised', {
          params: {
            path: { bidId },
            query: {
              ...(lot === null ? {} : { lot }),
              ...(memberId === null ? {} : { member: memberId }),
            },
          },
        }),
      ),
    enabled: lot !== null,
  });
}

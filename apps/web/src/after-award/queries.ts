import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type {
  ContractAwardDto,
  DriftAlertsDto,
  OrdersDto,
  PlannedRealisedDto,
  PlannedRealisedTotalsDto,
  ReplanDto,
  ReportDto,
} from '../api/schema';
import { bidKeys } from '../bids/queries';

export type AwardedLot = ContractAwardDto['lots'][number];
export type PlannedCell = ContractAwardDto['cells'][number];
export type Period = NonNullable<AwardedLot['contract']>['periods'][number];
export type Total = PlannedRealisedTotalsDto['totals'][number];
export type Line = PlannedRealisedDto['lines'][number];
export type DriftAlert = DriftAlertsDto['alerts'][number];
export type Order = OrdersDto['orders'][number];
export type Replan = ReplanDto;
export type Report = ReportDto;

/** Query keys of the follow-up: a declaration refreshes every one of them. */
export const afterAwardKeys = {
  all: (bidId: string) => bidKeys.part(bidId, 'after-award'),
  award: (bidId: string) => bidKeys.part(bidId, 'after-award', 'award'),
  totals: (bidId: string, lot: number | null) => bidKeys.part(bidId, 'after-award', 'totals', lot),
  lines: (bidId: string, lot: number | null, memberId: string | null) =>
    bidKeys.part(bidId, 'after-award', 'lines', lot, memberId),
  drifts: (bidId: string) => bidKeys.part(bidId, 'after-award', 'drifts'),
  missing: (bidId: string) => bidKeys.part(bidId, 'after-award', 'missing'),
  replans: (bidId: string) => bidKeys.part(bidId, 'after-award', 'replans'),
  replan: (bidId: string, number: number | null) =>
    bidKeys.part(bidId, 'after-award', 'replans', number),
  reports: (bidId: string) => bidKeys.part(bidId, 'after-award', 'reports'),
  orders: (bidId: string) => bidKeys.part(bidId, 'after-award', 'orders'),
  approvals: (bidId: string, reportId: string) =>
    bidKeys.part(bidId, 'after-award', 'reports', reportId, 'approvals'),
};

/** The lots won and lost, their contracts and periods, and the planned split. */
export function useAward(bidId: string) {
  return useQuery({
    queryKey: afterAwardKeys.award(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/award', { params: { path: { bidId } } })),
  });
}

/** The orders (« bons de commande ») with the parts the reader may see and their realised. */
export function useOrders(bidId: string) {
  return useQuery({
    queryKey: afterAwardKeys.orders(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/orders', { params: { path: { bidId } } })),
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

/** The drift alerts the api raised (each once), with whether their mails went out. */
export function useDrifts(bidId: string) {
  return useQuery({
    queryKey: afterAwardKeys.drifts(bidId),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/realised/drifts', { params: { path: { bidId } } })),
  });
}

/** Who has not declared a closed month (coordinators only). */
export function useMissing(bidId: string, enabled: boolean) {
  return useQuery({
    queryKey: afterAwardKeys.missing(bidId),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/realised/missing', { params: { path: { bidId } } })),
    enabled,
  });
}

/** The re-plans, in their order. */
export function useReplans(bidId: string) {
  return useQuery({
    queryKey: afterAwardKeys.replans(bidId),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/award/replans', { params: { path: { bidId } } })),
  });
}

/** One re-plan and its new lines. */
export function useReplan(bidId: string, number: number | null) {
  return useQuery({
    queryKey: afterAwardKeys.replan(bidId, number),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/award/replans/{number}', {
          params: { path: { bidId, number: number ?? 0 } },
        }),
      ),
    enabled: number !== null,
  });
}

/** The reports asked, with their files. */
export function useReports(bidId: string) {
  return useQuery({
    queryKey: afterAwardKeys.reports(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/reports', { params: { path: { bidId } } })),
  });
}

/** Who approved an annual evaluation. */
export function useApprovals(bidId: string, reportId: string) {
  return useQuery({
    queryKey: afterAwardKeys.approvals(bidId, reportId),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/reports/{reportId}/approvals', {
          params: { path: { bidId, reportId } },
        }),
      ),
  });
}

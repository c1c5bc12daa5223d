import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { RenewalDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

export type CarryOver = NonNullable<RenewalDto['carryOver']>;

const renewalKey = (bidId: string) => bidKeys.part(bidId, 'renewal');

/** Where the bid comes from (the diff of its renewal) and the bids that renew it. */
export function useRenewal(bidId: string, enabled: boolean) {
  return useQuery({
    queryKey: renewalKey(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/renewal', { params: { path: { bidId } } })),
    enabled,
  });
}

/** Starts the next tender from this finished bid. */
export function useRenew(bidId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tender: Record<string, unknown>) =>
      unwrap(
        api.POST('/api/bids/{bidId}/renewals', {
          params: { path: { bidId } },
          body: { tender },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: bidKeys.all });
      await client.invalidateQueries({ queryKey: renewalKey(bidId) });
    },
  });
}

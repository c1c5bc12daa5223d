import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { bidKeys } from './queries';

/** What the api's stream says of a change: its kind and the ids it touches, nothing more. */
export interface BidChange {
  seq: string;
  bidId: string;
  kind: string;
  entityType: string;
  entityId: string | null;
}

/** Changes that come together (one transaction writes several) refetch once. */
const COALESCE_MS = 150;

/**
 * What a change makes stale: every view of the bid (its queries all live under ['bid', id]),
 * the person's next steps, and the list of their bids (statuses, counts).
 */
export function invalidateBid(client: QueryClient, bidId: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: bidKeys.bid(bidId) }),
    client.invalidateQueries({ queryKey: bidKeys.nextSteps }),
    client.invalidateQueries({ queryKey: bidKeys.all }),
  ]);
}

/**
 * Keeps the open bid's pages up to date by themselves: the api's event stream
 * (GET /api/bids/{id}/events) says that something changed, and the pages refetch what they show.
 * The browser reopens a lost stream by itself; every reopening refetches everything, since the
 * changes made meanwhile are not replayed.
 */
export function useBidEvents(bidId: string): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!bidId || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/bids/${encodeURIComponent(bidId)}/events`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const refetch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void invalidateBid(client, bidId), COALESCE_MS);
    };
    source.addEventListener('ready', () => {
      // The first opening follows the page's own fetches; a reopening may have missed changes.
      if (opened) refetch();
      opened = true;
    });
    source.addEventListener('resync', refetch);
    source.addEventListener('change', (message: MessageEvent<string>) => {
      const change = JSON.parse(message.data) as BidChange;
      if (change.bidId === bidId) refetch();
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [bidId, client]);
}

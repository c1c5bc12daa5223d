import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useOutletContext } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, MeDto } from '../api/schema';

/** Query keys of one bid: invalidating ['bid', id] refreshes every view of it. */
export const bidKeys = {
  all: ['bids'] as const,
  nextSteps: ['next-steps'] as const,
  bid: (bidId: string) => ['bid', bidId] as const,
  part: (bidId: string, ...rest: unknown[]) => ['bid', bidId, ...rest] as const,
};

/** After a change: the bid and all its parts, the list of bids and everyone's next steps. */
export function useRefreshBid(bidId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: bidKeys.bid(bidId) }),
        queryClient.invalidateQueries({ queryKey: bidKeys.all }),
        queryClient.invalidateQueries({ queryKey: bidKeys.nextSteps }),
      ]),
    [queryClient, bidId],
  );
}

export function useBid(bidId: string) {
  return useQuery({
    queryKey: bidKeys.bid(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}', { params: { path: { bidId } } })),
  });
}

export function useWorkflow(bidId: string) {
  return useQuery({
    queryKey: bidKeys.part(bidId, 'workflow'),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/workflow', { params: { path: { bidId } } })),
  });
}

export function useNextSteps() {
  return useQuery({
    queryKey: bidKeys.nextSteps,
    queryFn: () => unwrap(api.GET('/api/next-steps')),
  });
}

export type Member = BidDto['members'][number];

/** What the signed-in person is to this bid: its coordinator, and the members they act for. */
export interface BidAccess {
  isCoordinator: boolean;
  /** Members whose data the person edits (editor) or for whom they sign (signatory). */
  editableMembers: Member[];
  signatoryMembers: Member[];
}

export function accessOf(bid: BidDto, me: MeDto): BidAccess {
  const editors = new Set(me.roles.editorOf);
  const signatories = new Set(me.roles.signatoryOf);
  return {
    isCoordinator: me.roles.coordinatorOf.includes(bid.networkId),
    editableMembers: bid.members.filter((member) => editors.has(member.organisation.id)),
    signatoryMembers: bid.members.filter((member) => signatories.has(member.organisation.id)),
  };
}

/** What every page inside a bid receives from its layout. */
export interface BidContext {
  bid: BidDto;
  me: MeDto;
  access: BidAccess;
}

export const useBidContext = () => useOutletContext<BidContext>();

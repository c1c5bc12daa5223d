import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { RepresentationRequestDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

export type RepresentationRequest = RepresentationRequestDto;

export const representationKeys = { all: ['representation-requests'] as const };

/** The requests I may decide, and my own. */
export function useRepresentationRequests() {
  return useQuery({
    queryKey: representationKeys.all,
    queryFn: () => unwrap(api.GET('/api/representation-requests')),
  });
}

/** Confirms or refuses a request; then roles, bids and next steps may all have changed. */
export function useDecideRepresentation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'confirm' | 'refuse' }) =>
      unwrap(
        decision === 'confirm'
          ? api.POST('/api/representation-requests/{requestId}/confirm', {
              params: { path: { requestId: id } },
            })
          : api.POST('/api/representation-requests/{requestId}/refuse', {
              params: { path: { requestId: id } },
            }),
      ),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: representationKeys.all });
      await client.invalidateQueries({ queryKey: bidKeys.all });
    },
  });
}

export const ROLE_WORDS: Record<RepresentationRequest['roles'][number], string> = {
  EDITOR: 'éditer ses données',
  SIGNATORY: 'signer pour elle',
};

export const STATUS_WORDS: Record<
  RepresentationRequest['status'],
  { label: string; color: string }
> = {
  PENDING: { label: 'En attente de confirmation', color: 'yellow' },
  CONFIRMED: { label: 'Confirmée', color: 'green' },
  REFUSED: { label: 'Refusée', color: 'red' },
};

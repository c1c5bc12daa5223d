import { skipToken, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { bidKeys } from '../bids/queries';

export const documentKeys = {
  list: (bidId: string) => bidKeys.part(bidId, 'documents'),
  signatures: (bidId: string, documentId: string) =>
    bidKeys.part(bidId, 'documents', documentId, 'signatures'),
};

export function useDocuments(bidId: string) {
  return useQuery({
    queryKey: documentKeys.list(bidId),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/documents', { params: { path: { bidId } } })),
  });
}

/** Who signed the frozen convention; polled while signing is open, so every signatory follows. */
export function useSignatures(bidId: string, documentId: string | null, live: boolean) {
  return useQuery({
    queryKey: documentKeys.signatures(bidId, documentId ?? ''),
    queryFn:
      documentId === null
        ? skipToken
        : () =>
            unwrap(
              api.GET('/api/bids/{bidId}/documents/{documentId}/signatures', {
                params: { path: { bidId, documentId } },
              }),
            ),
    refetchInterval: live ? 5000 : false,
  });
}

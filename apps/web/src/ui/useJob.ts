import { skipToken, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { JobStatusDto } from '../api/schema';

const finished = (status: JobStatusDto | undefined) =>
  status?.state === 'completed' || status?.state === 'failed';

/** Follows a background job (import, allocation, documents, signature) until it ends. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['job', jobId],
    queryFn:
      jobId === null
        ? skipToken
        : () => unwrap(api.GET('/api/jobs/{jobId}', { params: { path: { jobId } } })),
    refetchInterval: (query) => (finished(query.state.data) ? false : 400),
    staleTime: 0,
  });
}

export const jobFinished = finished;

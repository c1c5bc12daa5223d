import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { bidKeys } from '../bids/queries';
import { FailureAlert } from '../ui/FailureAlert';
import { JobProgressBar } from '../ui/JobProgressBar';
import { jobFinished, useJob } from '../ui/useJob';
import { stepLabel } from './wording';

/** What the worker returns once the run is over (AllocationRunOutcome). */
interface RunOutcome {
  number: number;
  unchanged: boolean;
}

const isRunOutcome = (value: unknown): value is RunOutcome =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RunOutcome).number === 'number' &&
  typeof (value as RunOutcome).unchanged === 'boolean';

/**
 * The coordinator's « Lancer la répartition »: the worker computes, the bar follows its steps,
 * and the versions refresh once it is done. The bar stays at 100 % with its conclusion.
 */
export function RunAllocation({ bidId, onStart }: { bidId: string; onStart: () => void }) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const run = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/bids/{bidId}/allocations', { params: { path: { bidId } } })),
    onSuccess: (accepted) => {
      onStart();
      setJobId(accepted.jobId);
    },
  });

  const state = job.data?.state;
  useEffect(() => {
    // The new version, the history and the next steps all change with a completed run.
    if (state === 'completed') void queryClient.invalidateQueries({ queryKey: bidKeys.bid(bidId) });
  }, [state, bidId, queryClient]);

  const running = jobId !== null && !jobFinished(job.data) && !job.isError && state !== 'unknown';
  const completed = state === 'completed';
  const failed = state === 'failed';
  // The queue no longer knows the job (expired): the versions list still tells the outcome.
  const lost = state === 'unknown';
  const outcome = completed && isRunOutcome(job.data?.result) ? job.data.result : null;
  const percent = completed ? 100 : Math.round(job.data?.progress ?? 0);

  return (
    <Stack gap="sm">
      <Group>
        <Button onClick={() => run.mutate()} loading={run.isPending} disabled={running}>
          Lancer la répartition
        </Button>
        <Text size="sm" c="dimmed">
          Le calcul part des capacités déclarées et crée une nouvelle version ; les précédentes
          restent consultables.
        </Text>
      </Group>
      <FailureAlert error={run.error} title="Le calcul n’a pas pu être lancé" />
      {jobId !== null && (
        <JobProgressBar
          label="Progression de la répartition"
          percent={percent}
          phase={failed ? 'failed' : completed ? 'done' : 'running'}
        >
          {completed
            ? outcome?.unchanged
              ? `Répartition terminée : rien n’a changé depuis la version ${outcome.number}, aucune nouvelle version n’a été créée.`
              : `Répartition terminée : la version ${outcome?.number ?? ''} a été créée.`
            : failed
              ? 'Le calcul s’est arrêté.'
              : lost
                ? 'Le suivi du calcul n’est plus disponible : rechargez la page pour voir les versions.'
                : `${stepLabel(job.data?.step ?? null)} (${percent}\u00a0%)`}
        </JobProgressBar>
      )}
      {failed && (
        <Alert color="red" role="alert" title="La répartition n’a pas pu être calculée">
          {job.data?.failure?.message ??
            job.data?.failedReason ??
            'Le calculateur a rencontré un problème. Réessayez dans un instant.'}
        </Alert>
      )}
      <FailureAlert error={job.error} title="Impossible de suivre le calcul" />
    </Stack>
  );
}

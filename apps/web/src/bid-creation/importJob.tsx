import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { ApiError, messageOf, type Problem, unwrap } from '../api/errors';
import type { ImportAcceptedDto, JobStatusDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { JobProgressBar } from '../ui/JobProgressBar';
import { useJob } from '../ui/useJob';
import { stepLabel } from './words';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a scenario (parsed JSON) to be checked and imported by the worker. */
export function postScenario(networkId: string, scenario: unknown): Promise<ImportAcceptedDto> {
  return unwrap(
    api.POST('/api/scenarios', {
      params: { query: { networkId } },
      // The api takes any object and checks it itself; the generated type only says "object".
      body: scenario as Record<string, never>,
    }),
  );
}

/** Sends a workbook's raw bytes: the api reads it with the same columns as the JSON file. */
export function postWorkbook(networkId: string, file: File): Promise<ImportAcceptedDto> {
  return unwrap(
    api.POST('/api/scenarios/xlsx', {
      params: { query: { networkId } },
      body: file as unknown as string,
      bodySerializer: (body) => body,
      headers: { 'Content-Type': XLSX_MEDIA_TYPE },
    }),
  );
}

/** Why nothing was written: the api's message, each problem, and the bid a known tender has. */
export interface Refusal {
  message: string;
  problems: readonly Problem[];
  /** The tender already has its bid (409): nothing to correct, open that one instead. */
  duplicate: boolean;
  existingBidId: string | null;
}

/** A refusal from the api's answer (422, 409), or null for other failures (network, 403). */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof ApiError) || (error.status !== 422 && error.status !== 409)) return null;
  const bidId = error.details.bidId;
  return {
    message: error.message,
    problems: error.problems,
    duplicate: error.status === 409,
    existingBidId: typeof bidId === 'string' ? bidId : null,
  };
}

/** A refusal found by the worker (the check is repeated there, in one transaction). */
export function refusalOfJob(job: JobStatusDto | undefined): Refusal | null {
  if (job?.state !== 'failed' || !job.failure) return null;
  return {
    message: job.failure.message,
    problems: job.failure.problems,
    duplicate: job.failure.code === 'DUPLICATE_TENDER',
    existingBidId: null,
  };
}

function bidIdOf(result: unknown): string | null {
  if (typeof result !== 'object' || result === null || !('bidId' in result)) return null;
  return typeof result.bidId === 'string' ? result.bidId : null;
}

/** Follows an import's job; once the bid is written, refreshes the lists and opens it. */
export function useImportJob(jobId: string | null) {
  const job = useJob(jobId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const opened = useRef<string | null>(null);
  const bidId = job.data?.state === 'completed' ? bidIdOf(job.data.result) : null;

  useEffect(() => {
    if (!bidId || opened.current === bidId) return;
    opened.current = bidId;
    void queryClient.invalidateQueries({ queryKey: bidKeys.all });
    void queryClient.invalidateQueries({ queryKey: bidKeys.nextSteps });
    notifications.show({
      message: 'La candidature est créée : invitez maintenant les partenaires du groupement.',
      color: 'green',
    });
    void navigate(`/candidatures/${bidId}`);
  }, [bidId, navigate, queryClient]);

  return job;
}

/** The import's progress bar and current step, read out as they change. */
export function ImportProgress({ job }: { job: ReturnType<typeof useJob> }) {
  if (job.isError) {
    return (
      <Alert color="red" role="alert" title="Impossible de suivre l’import">
        {messageOf(job.error)} L’import continue peut-être : retrouvez la candidature dans « Mes
        candidatures » dans quelques instants.
      </Alert>
    );
  }
  const status = job.data;
  if (status?.state === 'failed' && !status.failure) {
    return (
      <Alert color="red" role="alert" title="L’import a échoué : rien n’a été enregistré">
        Le serveur n’a pas pu terminer l’import. Réessayez dans un instant ; si cela se reproduit,
        transmettez ce message à l’équipe Cordage : {status.failedReason ?? 'raison inconnue'}.
      </Alert>
    );
  }
  if (status?.state === 'failed') return null;
  const done = status?.state === 'completed';
  const progress = done ? 100 : (status?.progress ?? 0);
  return (
    <JobProgressBar
      label="Progression de l’import"
      percent={progress}
      phase={done ? 'done' : 'running'}
    >
      {done
        ? 'Import terminé : ouverture de la candidature…'
        : `${stepLabel(status?.state ?? 'pending', status?.step ?? null)} (${progress}\u00a0%)`}
    </JobProgressBar>
  );
}

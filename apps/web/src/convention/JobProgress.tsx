import { Alert } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { JobStatusDto } from '../api/schema';
import { ErrorPanel } from '../ui/ErrorPanel';
import { JobProgressBar } from '../ui/JobProgressBar';
import { jobFinished, useJob } from '../ui/useJob';

interface Props {
  jobId: string;
  /** What is under way, e.g. "Génération de la convention". */
  label: string;
  /** Called once, when the job ends (completed or failed). */
  onFinished: (job: JobStatusDto) => void;
}

/** A background job's progress, read aloud as it moves, and its failure said plainly. */
export function JobProgress({ jobId, label, onFinished }: Props) {
  const job = useJob(jobId);
  const done = jobFinished(job.data);
  // Effects run again on re-render (and twice in development): report the end once.
  const reported = useRef<string | null>(null);

  useEffect(() => {
    if (job.data && jobFinished(job.data) && reported.current !== jobId) {
      reported.current = jobId;
      onFinished(job.data);
    }
  }, [job.data, jobId, onFinished]);

  if (job.isError)
    return <ErrorPanel error={job.error} title="Impossible de suivre le traitement" />;
  if (job.data?.state === 'failed') {
    return (
      <Alert color="red" role="alert" title={`${label} : échec`}>
        {job.data.failure?.message ??
          job.data.failedReason ??
          'Le traitement a échoué. Réessayez dans un instant.'}
      </Alert>
    );
  }
  const progress = done ? 100 : Math.round(job.data?.progress ?? 0);
  return (
    <JobProgressBar label={label} percent={progress} phase={done ? 'done' : 'running'}>
      {done ? `${label} : terminé.` : `${label} en cours… ${progress}\u00a0%`}
    </JobProgressBar>
  );
}

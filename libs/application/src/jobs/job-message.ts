import type { OutboxMessage } from '@cordage/persistence';
import { type JobName, type JobPayload, QUEUE_OF_JOB } from '@cordage/queue';

/**
 * The outbox message that enqueues job `name` with the id `id`: its queue is the job's, its
 * payload typed by the job. `options` delays it or gives the queue's own job id.
 */
export function jobMessage<N extends JobName>(
  name: N,
  id: string,
  payload: JobPayload<N>,
  options: Pick<OutboxMessage, 'jobId' | 'deliverAt'> = {},
): OutboxMessage {
  return { id, queueName: QUEUE_OF_JOB[name], jobName: name, payload, ...options };
}

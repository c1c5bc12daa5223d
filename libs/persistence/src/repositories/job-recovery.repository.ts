import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The job names of deadlines: the queue lib owns the names, this repository the facts. */
export interface DeadlineJobNames {
  closeCapacityCall: string;
  remind: string;
}

/** A job to have in Redis: the outbox message's, with the job id the relay gave it. */
export interface OutstandingJob {
  queueName: string;
  jobName: string;
  payload: Record<string, unknown>;
  jobId: string;
  deliverAt: Date | null;
}

/**
 * What Postgres says must still happen, for a worker to compare with what Redis holds: the
 * outbox messages already handed to Redis whose work is not done. Redis may have lost them
 * (a restart without persistence); the requests and deadlines in Postgres have not.
 */
@Injectable()
export class JobRecoveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A request (import, allocation, documents, signature) still PENDING; a mail not sent yet; a
   * capacity call still open at the deadline its job closes; a round of reminders whose deadline
   * is still current and to come, and that has not run to its end. Messages not yet published
   * are the relay's.
   */
  async outstanding(deadlineJobs: DeadlineJobNames): Promise<OutstandingJob[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        queue_name: string;
        job_name: string;
        payload: Record<string, unknown>;
        job_id: string | null;
        deliver_at: Date | null;
      }[]
    >(
      `WITH pending_requests AS (
         SELECT id FROM scenario_imports WHERE status = 'PENDING'
         UNION ALL SELECT id FROM allocation_runs WHERE status = 'PENDING'
         UNION ALL SELECT id FROM document_requests WHERE status = 'PENDING'
         UNION ALL SELECT id FROM signing_requests WHERE status = 'PENDING'
         UNION ALL SELECT id FROM outgoing_mails WHERE sent_at IS NULL
       )
       SELECT o.id, o.queue_name, o.job_name, o.payload, o.job_id, o.deliver_at
       FROM outbox_messages o
       WHERE o.published_at IS NOT NULL AND (
         o.id IN (SELECT id FROM pending_requests)
         OR (o.job_name IN ($1, $2)
           AND NOT EXISTS (SELECT 1 FROM deadline_job_runs r WHERE r.job_id = o.job_id)
           AND EXISTS (
             SELECT 1 FROM bids b JOIN tenders t ON t.id = b.tender_id
             WHERE b.id = (o.payload ->> 'bidId')::uuid
               AND CASE
                 WHEN o.job_name = $1 OR o.payload ->> 'kind' = 'CAPACITY'
                   THEN b.status = 'COLLECTING'
                     AND b.capacity_deadline = (o.payload ->> 'deadline')::timestamptz
                 ELSE b.status = 'SIGNING' AND t.deadline = (o.payload ->> 'deadline')::timestamptz
               END
               -- A reminder after its deadline is of no use; a closing is due at it.
               AND (o.job_name = $1 OR (o.payload ->> 'deadline')::timestamptz > now())))
       )
       ORDER BY o.created_at`,
      [deadlineJobs.closeCapacityCall, deadlineJobs.remind],
    );
    return rows.map((row) => ({
      queueName: row.queue_name,
      jobName: row.job_name,
      payload: row.payload,
      jobId: row.job_id ?? row.id,
      deliverAt: row.deliver_at,
    }));
  }

  /** A deadline's job ran to its end: it is never enqueued again. */
  async recordDeadlineJobRun(jobId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO deadline_job_runs (job_id) VALUES ($1) ON CONFLICT DO NOTHING',
      [jobId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DeadlineJobRunEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';
import type { OutstandingJob } from './job-requests.repository';

/** The job names of deadlines: the queue lib owns the names, this repository the facts. */
export interface DeadlineJobNames {
  closeCapacityCall: string;
  remind: string;
}

/**
 * The deadlines' part of what Postgres says must still happen, for a worker to compare with what
 * Redis holds (the requested work's part is JobRequestsRepository.waitingJobs).
 */
@Injectable()
export class JobRecoveryRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * A capacity call still open at the deadline its job closes; a round of reminders whose deadline
   * is still current and to come, and that has not run to its end. Messages not yet published are
   * the relay's.
   */
  async dueDeadlineJobs(deadlineJobs: DeadlineJobNames): Promise<OutstandingJob[]> {
    // Raw SQL: the CASE over the payload's jsonb fields has no query-builder form.
    const rows = await this.db.tx.query<
      {
        id: string;
        queue_name: string;
        job_name: string;
        payload: Record<string, unknown>;
        job_id: string | null;
        deliver_at: Date | null;
      }[]
    >(
      `SELECT o.id, o.queue_name, o.job_name, o.payload, o.job_id, o.deliver_at
       FROM outbox_messages o
       WHERE o.published_at IS NOT NULL AND o.job_name IN ($1, $2)
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
             AND (o.job_name = $1 OR (o.payload ->> 'deadline')::timestamptz > now()))
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
    await this.db.tx
      .createQueryBuilder()
      .insert()
      .into(DeadlineJobRunEntity)
      .values({ jobId })
      .orIgnore()
      .execute();
  }
}

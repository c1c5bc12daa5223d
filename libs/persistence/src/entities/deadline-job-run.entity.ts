import { Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './references';

/**
 * A deadline's job (closing a capacity call, a round of reminders) that ran to its end. Redis
 * forgets completed jobs (removed after a while, or all at once on a restart): this row is what
 * tells the reconciler not to enqueue it again.
 */
@Entity('deadline_job_runs')
export class DeadlineJobRunEntity {
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @CreatedAt('finished_at')
  finishedAt!: Date;
}

import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  BidEntity,
  type JobRequestFailure,
  type JobRequestKind,
  type JobRequestParameters,
  type JobRequestResults,
  JobRequestEntity,
  OutboxMessageEntity,
  WAITING_JOB_STATUSES,
} from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** A request of one kind, its parameters and result typed by that kind. */
export type JobRequest<K extends JobRequestKind = JobRequestKind> = Omit<
  JobRequestEntity,
  'kind' | 'parameters' | 'result' | 'network' | 'bid'
> & {
  kind: K;
  parameters: JobRequestParameters[K];
  result: JobRequestResults[K] | null;
};

export interface NewJobRequest<K extends JobRequestKind> {
  id: string;
  kind: K;
  /** The bid worked on; without one (an import), the network it works for. */
  bidId: string | null;
  networkId?: string;
  inputHash?: string | null;
  parameters: JobRequestParameters[K];
  requestedBy: string | null;
  requestId: string | null;
}

/** A job to have in Redis: the outbox message's, with the job id the relay gave it. */
export interface OutstandingJob {
  queueName: string;
  jobName: string;
  payload: Record<string, unknown>;
  jobId: string;
  deliverAt: Date | null;
}

/** The job a published outbox message stands for (its own id when it named no job id). */
export function outstandingJobOf(message: OutboxMessageEntity): OutstandingJob {
  return {
    queueName: message.queueName,
    jobName: message.jobName,
    payload: message.payload,
    jobId: message.jobId ?? message.id,
    deliverAt: message.deliverAt,
  };
}

const isKind = <K extends JobRequestKind>(
  request: JobRequestEntity | null,
  kind: K,
): request is JobRequestEntity & JobRequest<K> => request?.kind === kind;

/**
 * Requested work, of every kind, through one life: QUEUED, RUNNING, then DONE or FAILED for good.
 * Every change of status is conditional on the one before, so a retried or twin job changes it once.
 */
@Injectable()
export class JobRequestsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async insert<K extends JobRequestKind>(request: NewJobRequest<K>): Promise<void> {
    await this.db.tx.insert(JobRequestEntity, await this.scoped(request));
  }

  /**
   * Records a request unless the same one (kind, bid, input) still waits: then that one is the
   * answer. The partial unique index decides, not a read before the write. Returns the waiting
   * request's id and whether it is new (only a new one needs a job).
   */
  async insertUnlessWaiting<K extends JobRequestKind>(
    request: NewJobRequest<K> & { bidId: string; inputHash: string },
  ): Promise<{ id: string; created: boolean }> {
    // The waiting twin may finish between the conflict and the read: then insert again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted = await this.db.tx
        .createQueryBuilder()
        .insert()
        .into(JobRequestEntity)
        .values(await this.scoped(request))
        .orIgnore()
        .returning(['id'])
        .execute();
      // The id is ours either way: only a returned row says the insert happened.
      if ((inserted.raw as unknown[]).length > 0) return { id: request.id, created: true };
      const waiting = await this.db.tx.findOne(JobRequestEntity, {
        where: {
          kind: request.kind,
          bidId: request.bidId,
          inputHash: request.inputHash,
          status: In(WAITING_JOB_STATUSES),
        },
        select: { id: true },
      });
      if (waiting) return { id: waiting.id, created: false };
    }
    throw new Error(`${request.kind} for bid ${request.bidId} neither inserted nor found`);
  }

  /** The row to insert: queued, in the network of its bid unless it names one. */
  private async scoped<K extends JobRequestKind>(request: NewJobRequest<K>) {
    const networkId =
      request.networkId ??
      (request.bidId &&
        (
          await this.db.tx.findOne(BidEntity, {
            where: { id: request.bidId },
            select: { networkId: true },
          })
        )?.networkId);
    if (!networkId) throw new Error(`${request.kind} ${request.id} has no bid nor network`);
    return { ...request, networkId, status: 'QUEUED' as const };
  }

  /** The request of this id if it is of this kind. */
  async find<K extends JobRequestKind>(id: string, kind: K): Promise<JobRequest<K> | null> {
    const request = await this.db.tx.findOneBy(JobRequestEntity, { id });
    return isKind(request, kind) ? request : null;
  }

  /** The request of this id, whatever its kind (the job-status read). */
  async findAny(id: string): Promise<JobRequest | null> {
    return this.db.tx.findOneBy(JobRequestEntity, { id });
  }

  /** The request, its row held until commit: its end is decided once. */
  async lock<K extends JobRequestKind>(id: string, kind: K): Promise<JobRequest<K> | null> {
    const request = await this.db.tx
      .createQueryBuilder(JobRequestEntity, 'request')
      .where('request.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    return isKind(request, kind) ? request : null;
  }

  /** A worker took the job: QUEUED becomes RUNNING (a retry finds it RUNNING already). */
  async markRunning(id: string): Promise<boolean> {
    const { affected } = await this.db.tx.update(
      JobRequestEntity,
      { id, status: 'QUEUED' },
      { status: 'RUNNING', startedAt: () => 'now()' },
    );
    return affected === 1;
  }

  /**
   * Done with its result, if it still waited; false when it had already ended. A scenario's
   * file goes with the end: the bid now holds its data (and the request now names that bid).
   */
  async markDone<K extends JobRequestKind>(
    id: string,
    kind: K,
    result: JobRequestResults[K],
    bidId?: string,
  ): Promise<boolean> {
    const { affected } = await this.db.tx.update(
      JobRequestEntity,
      { id, kind, status: In(WAITING_JOB_STATUSES) },
      {
        status: 'DONE',
        result,
        failure: null,
        ...(bidId !== undefined && { bidId }),
        // jsonb's key removal: no typed form for it in TypeORM's update.
        parameters: () => `parameters - 'source'`,
        finishedAt: () => 'now()',
      },
    );
    return affected === 1;
  }

  /** Failed for good, if it still waited; false when it had already ended (failing twice). */
  async markFailed(id: string, failure: JobRequestFailure): Promise<boolean> {
    const { affected } = await this.db.tx.update(
      JobRequestEntity,
      { id, status: In(WAITING_JOB_STATUSES) },
      {
        status: 'FAILED',
        failure,
        parameters: () => `parameters - 'source'`,
        finishedAt: () => 'now()',
      },
    );
    return affected === 1;
  }

  /**
   * The jobs of the requests still waiting whose outbox message was handed to Redis: Redis may
   * have lost them (a restart without persistence); Postgres has not. Messages not yet published
   * are the relay's.
   */
  async waitingJobs(): Promise<OutstandingJob[]> {
    const messages = await this.db.tx
      .createQueryBuilder(OutboxMessageEntity, 'message')
      .innerJoin(JobRequestEntity, 'request', 'request.id = message.id')
      .where('message.publishedAt IS NOT NULL')
      .andWhere('request.status IN (:...waiting)', { waiting: WAITING_JOB_STATUSES })
      .orderBy('message.createdAt')
      .getMany();
    return messages.map(outstandingJobOf);
  }
}

import { Injectable } from '@nestjs/common';
import type { Actor, DomainError } from '@cordage/domain';
import {
  type JobRequest,
  type JobRequestFailure,
  type JobRequestKind,
  JobRequestsRepository,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';

/**
 * The life every requested work shares, whatever its kind: a worker takes it (RUNNING), it fails
 * for good once (audited once), and the job-status read reports its refusal.
 */
@Injectable()
export class RequestedWorkService {
  constructor(
    private readonly jobRequests: JobRequestsRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** A worker takes the job: the request, RUNNING if it was QUEUED; null if there is none. */
  @Transactional()
  async start<K extends JobRequestKind>(id: string, kind: K): Promise<JobRequest<K> | null> {
    const request = await this.jobRequests.lock(id, kind);
    if (request?.status !== 'QUEUED') return request;
    await this.jobRequests.markRunning(id);
    // Not read again: an import's file can be large.
    return { ...request, status: 'RUNNING' };
  }

  /**
   * The work can never succeed as asked: FAILED for good, with the reason. A retried or twin
   * job failing it again changes nothing and records nothing (false).
   */
  @Transactional()
  async markFailed(id: string, failure: JobRequestFailure, actor: Actor): Promise<boolean> {
    const request = await this.jobRequests.findAny(id);
    if (!request || !(await this.jobRequests.markFailed(id, failure))) return false;
    // Kept out of the bid's history (no bidId), which tells what changed the bid itself.
    await this.audit.append(actor, {
      action: 'job.failed',
      entityType: 'job_request',
      entityId: id,
      after: { kind: request.kind, code: failure.code, message: failure.message },
    });
    return true;
  }

  /** markFailed with the domain's refusal as the reason: its code, message and problems. */
  async markRefused(id: string, refusal: DomainError, actor: Actor): Promise<boolean> {
    const { code, message, problems } = refusal;
    return this.markFailed(id, { code, message, problems: [...problems] }, actor);
  }

  /**
   * The refusal the job-status read reports: an import's, with each problem. The other kinds
   * report theirs through the job's own failed reason.
   */
  async reportedFailure(jobId: string): Promise<JobRequestFailure | null> {
    return (await this.jobRequests.find(jobId, 'SCENARIO_IMPORT'))?.failure ?? null;
  }
}

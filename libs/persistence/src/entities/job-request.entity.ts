import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContractReportRequest, DocumentSet, ImportedBid, Problem } from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { NetworkEntity } from './network.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/** What was asked of the worker. Stored values: never renamed once shipped. */
export type JobRequestKind =
  'ALLOCATION_RUN' | 'SCENARIO_IMPORT' | 'DOCUMENTS' | 'SIGNING' | 'REPLAN' | 'CONTRACT_REPORT';

/** QUEUED until a worker takes it, RUNNING until it ends, then DONE or FAILED for good. */
export type JobRequestStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** The statuses of work still to do (and of the job Redis must hold for it). */
export const WAITING_JOB_STATUSES = ['QUEUED', 'RUNNING'] as const satisfies JobRequestStatus[];

/** What each kind of request was asked to do (what its job needs beyond its scope). */
export interface JobRequestParameters {
  /** The input is the bid as it was, named by `inputHash`. */
  ALLOCATION_RUN: Record<string, never>;
  /** The file as received (JSON text), dropped once the work ends: the bid then holds the data. */
  SCENARIO_IMPORT: { source?: string; sourceBytes: number };
  DOCUMENTS: {
    allocationVersionId: string;
    documentSet: DocumentSet;
    /** For an amendment: the change of membership it carries. */
    changeRequestId: string | null;
  };
  /** The signatory is `requestedBy`; `ip` is where the confirmation came from (proof file). */
  SIGNING: { documentId: string; memberId: string; ip: string | null };
  /** The re-plan's row in `replans` carries what it was asked (its first period). */
  REPLAN: { fromPeriod: number };
  /** A contract report (its id is the report's); the documents name the signed version. */
  CONTRACT_REPORT: ContractReportRequest & { allocationVersionId: string };
}

/** What a finished request gave (documents and signatures are found by their request's id). */
export interface JobRequestResults {
  /** The version made, or the latest one when nothing had changed (`unchanged`). */
  ALLOCATION_RUN: { versionId: string; unchanged: boolean };
  SCENARIO_IMPORT: ImportedBid;
  DOCUMENTS: null;
  SIGNING: null;
  /** The re-plan's number; its lines are in `replans`. */
  REPLAN: { number: number };
  CONTRACT_REPORT: null;
}

export interface JobRequestFailure {
  code: string;
  message: string;
  problems: Problem[];
}

/**
 * A piece of work someone asked for and a worker does: an allocation run, a scenario import, the
 * generation of documents, a signature. Its id is also the outbox message's and the job's, so one
 * id follows the request from the api to the worker and back. It is scoped by its network (and its
 * bid once there is one): who may follow the job is read from here.
 */
@Entity('job_requests')
@Index('job_requests_waiting_input_key', ['kind', 'bidId', 'inputHash'], {
  unique: true,
  where: `"status" IN ('QUEUED', 'RUNNING')`,
})
@Check(
  `"kind" IN ('ALLOCATION_RUN', 'SCENARIO_IMPORT', 'DOCUMENTS', 'SIGNING', 'REPLAN', 'CONTRACT_REPORT')`,
)
@Check(`"status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`)
export class JobRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: JobRequestKind;

  @Column({ type: 'varchar', length: 10, default: 'QUEUED' })
  status!: JobRequestStatus;

  @ManyToOneRef(() => NetworkEntity, { onDelete: 'CASCADE' })
  network!: NetworkEntity;

  @RefColumn('network_id')
  networkId!: string;

  /** The bid worked on; for an import, the bid it made (none before). */
  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE', nullable: true })
  bid!: BidEntity | null;

  @Index()
  @RefColumn('bid_id', { nullable: true })
  bidId!: string | null;

  /**
   * SHA-256 of the input when the same work asked twice is one (an allocation: the bid's data).
   * At most one request per kind, bid and input waits at a time: a double click makes one run.
   */
  @Column({ name: 'input_hash', type: 'varchar', length: 64, nullable: true })
  inputHash!: string | null;

  @Column({ type: 'jsonb' })
  parameters!: JobRequestParameters[JobRequestKind];

  @Column({ type: 'jsonb', nullable: true })
  result!: JobRequestResults[JobRequestKind] | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: JobRequestFailure | null;

  /** The user who asked (for a signature: the signatory). */
  @RefColumn('requested_by', { nullable: true })
  requestedBy!: string | null;

  /** The HTTP request that asked, for the logs and the audit trail. */
  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @TimestampColumn('started_at', { nullable: true })
  startedAt!: Date | null;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;
}

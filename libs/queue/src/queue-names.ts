import { z } from 'zod';
import { REMINDER_KINDS } from '@cordage/domain';

/**
 * Queue and job names. Their values are stored in Redis and in outbox rows: once shipped they
 * never change (add new ones instead), or jobs already queued would be orphaned.
 */
export enum QueueName {
  SCENARIOS = 'scenarios',
  ALLOCATIONS = 'allocations',
  DOCUMENTS = 'documents',
  SIGNATURES = 'signatures',
  WORKFLOW = 'workflow',
  MAIL = 'mail',
}

export enum JobName {
  SCENARIOS_IMPORT = 'scenarios.import',
  ALLOCATION_RUN = 'allocation.run',
  DOCUMENTS_RENDER_CONVENTION = 'documents.render-convention',
  DOCUMENTS_EXPORT = 'documents.export',
  DOCUMENTS_SIGN = 'documents.sign',
  /** A contract report after the award: insertion, annual evaluation, OCDS releases. */
  CONTRACT_REPORT = 'documents.contract-report',
  WORKFLOW_CLOSE_CAPACITY_CALL = 'workflow.close-capacity-call',
  WORKFLOW_REMIND = 'workflow.remind',
  MAIL_SEND = 'mail.send',
  CONTRACT_REPLAN = 'contract.replan',
}

export const QUEUE_OF_JOB = {
  [JobName.SCENARIOS_IMPORT]: QueueName.SCENARIOS,
  [JobName.ALLOCATION_RUN]: QueueName.ALLOCATIONS,
  [JobName.DOCUMENTS_RENDER_CONVENTION]: QueueName.DOCUMENTS,
  [JobName.DOCUMENTS_EXPORT]: QueueName.DOCUMENTS,
  [JobName.CONTRACT_REPORT]: QueueName.DOCUMENTS,
  // A queue of its own: a signatory waits seconds, never behind a long rendering.
  [JobName.DOCUMENTS_SIGN]: QueueName.SIGNATURES,
  [JobName.WORKFLOW_CLOSE_CAPACITY_CALL]: QueueName.WORKFLOW,
  [JobName.WORKFLOW_REMIND]: QueueName.WORKFLOW,
  [JobName.MAIL_SEND]: QueueName.MAIL,
  // The solver's queue: a re-plan runs the allocation engine.
  [JobName.CONTRACT_REPLAN]: QueueName.ALLOCATIONS,
} as const satisfies Record<JobName, QueueName>;

/** The jobs of one queue: what its processor's switch must handle, exhaustively. */
export type JobOfQueue<Q extends QueueName> = {
  [N in JobName]: (typeof QUEUE_OF_JOB)[N] extends Q ? N : never;
}[JobName];

/** Every job's payload, checked by its processor before any work starts. */
export const JOB_PAYLOAD_SCHEMAS = {
  [JobName.SCENARIOS_IMPORT]: z.strictObject({ importId: z.uuid() }),
  [JobName.ALLOCATION_RUN]: z.strictObject({ runId: z.uuid() }),
  [JobName.DOCUMENTS_RENDER_CONVENTION]: z.strictObject({ requestId: z.uuid() }),
  [JobName.DOCUMENTS_EXPORT]: z.strictObject({ requestId: z.uuid() }),
  [JobName.CONTRACT_REPORT]: z.strictObject({ requestId: z.uuid() }),
  [JobName.DOCUMENTS_SIGN]: z.strictObject({ requestId: z.uuid() }),
  // A deadline's job says which deadline it serves: a deadline moved since makes it moot.
  [JobName.WORKFLOW_CLOSE_CAPACITY_CALL]: z.strictObject({
    bidId: z.uuid(),
    deadline: z.iso.datetime(),
  }),
  [JobName.WORKFLOW_REMIND]: z.strictObject({
    bidId: z.uuid(),
    kind: z.enum(REMINDER_KINDS),
    deadline: z.iso.datetime(),
  }),
  [JobName.MAIL_SEND]: z.strictObject({ mailId: z.uuid() }),
  [JobName.CONTRACT_REPLAN]: z.strictObject({ replanId: z.uuid() }),
} satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.output<(typeof JOB_PAYLOAD_SCHEMAS)[N]>;

/** Set once for every queue: at-least-once delivery with retries, bounded retention. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

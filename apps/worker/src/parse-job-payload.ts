import { UnrecoverableError } from 'bullmq';
import { formatPath } from '@cordage/domain';
import { JOB_PAYLOAD_SCHEMAS, type JobName, type JobPayload } from '@cordage/queue';

/** A payload that does not match its job's schema will never succeed: fail it without retry. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const result = JOB_PAYLOAD_SCHEMAS[name].safeParse(data);
  if (!result.success) {
    const where = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new UnrecoverableError(`invalid payload for ${name}: ${where.join('; ')}`);
  }
  // The schema is the one indexed by N; TypeScript cannot follow that through the lookup.
  return result.data as JobPayload<N>;
}

import type { INestApplicationContext } from '@nestjs/common';
import { type ChainVerification } from '@cordage/domain';
import { AuditLogRepository } from '@cordage/persistence';

/** Re-computes the audit log's hash chain from the first entry. */
export async function verifyAudit(app: INestApplicationContext): Promise<ChainVerification> {
  return app.get(AuditLogRepository).verify();
}

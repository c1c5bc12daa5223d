import type { INestApplicationContext } from '@nestjs/common';
import { AuditTrail } from '@cordage/application';
import { type ChainVerification } from '@cordage/domain';

/** Re-computes the audit log's hash chain from the first entry. */
export async function verifyAudit(app: INestApplicationContext): Promise<ChainVerification> {
  return app.get(AuditTrail).verify();
}

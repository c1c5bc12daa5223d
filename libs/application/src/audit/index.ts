import { AuditTrail } from './audit-trail';

export { AuditTrail } from './audit-trail';

export const AUDIT_USE_CASES = [AuditTrail];

import { AuditTrail } from './audit-trail';
import { BidEventsFeed } from './bid-events-feed';

export { AuditTrail } from './audit-trail';
export { BidEventsFeed, type BidFeedMessage } from './bid-events-feed';

export const AUDIT_USE_CASES = [AuditTrail, BidEventsFeed];

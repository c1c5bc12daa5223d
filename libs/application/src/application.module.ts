import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { ALLOCATIONS_USE_CASES } from './allocations';
import { AUDIT_USE_CASES } from './audit';
import { AUTH_USE_CASES } from './auth';
import { DIRECTORY_USE_CASES } from './directory';
import { EXECUTION_USE_CASES } from './execution';
import { MAIL_USE_CASES } from './mail';
import { MEMBERS_USE_CASES } from './members';
import { REPRESENTATIONS_USE_CASES } from './representations';
import { SIGNING_USE_CASES } from './signing';
import { WORKFLOW_USE_CASES } from './workflow';

const USE_CASES = [
  ...ALLOCATIONS_USE_CASES,
  ...AUDIT_USE_CASES,
  ...AUTH_USE_CASES,
  ...DIRECTORY_USE_CASES,
  ...EXECUTION_USE_CASES,
  ...MAIL_USE_CASES,
  ...MEMBERS_USE_CASES,
  ...REPRESENTATIONS_USE_CASES,
  ...SIGNING_USE_CASES,
  ...WORKFLOW_USE_CASES,
];

/**
 * The use cases, one service per area: each opens the unit of work, loads facts through the
 * repositories, asks the domain to decide, writes, audits and leaves its side effects in the outbox.
 * Controllers and processors call only these.
 */
@Module({ imports: [PersistenceModule], providers: USE_CASES, exports: USE_CASES })
export class ApplicationModule {}

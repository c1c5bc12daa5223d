export * from './job-reconciler.service';
export * from './job-status.service';
export * from './jobs.module';
export * from './outbox-relay.service';

export * from './job-reconciler';
export * from './job-status.module';
export * from './job-status.service';
export * from './outbox.relay';
export * from './queue-names';
export * from './queue-registry';
export * from './queue.module';

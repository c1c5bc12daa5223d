export * from './http-queue.module';
export * from './job-queue';
export * from './queue-names';
export * from './queue-registry';
export * from './queue.module';

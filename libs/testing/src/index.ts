export * from './database-admin';
export * from './test-database';
export * from './test-env';
export * from './scenario-factory';
export * from './test-data-source';
export * from './smtp-sink';
export * from './pdf-tools';
export * from './test-persistence';

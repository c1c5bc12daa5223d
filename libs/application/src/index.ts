export * from './application.module';
export * from './allocations';
export * from './execution';
export * from './jobs';
export * from './mail';
export * from './members';
export * from './signing';
export * from './workflow';

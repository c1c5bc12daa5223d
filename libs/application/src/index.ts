export * from './application.module';
export * from './allocations';
export * from './mail';
export * from './members';
export * from './signing';
export * from './workflow';

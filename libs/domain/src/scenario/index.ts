export * from './scenario.schema';
export * from './scenario-import';
export * from './scenario-ports';
export * from './validate-scenario';
export * from './scenario-hash';
export * from './deadline-ahead';
export * from './same-tender';
export * from './member-roles';

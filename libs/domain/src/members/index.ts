export * from './member-status';
export * from './declaration';
export * from './invitation';
export * from './signatory';

export * from './bids';
export * from './errors';
export * from './identifiers';
export * from './organisations';
export * from './scenario';
export * from './territories';

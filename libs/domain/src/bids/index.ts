export * from './bid-view';
export * from './bid-visibility';
export * from './bid-events';

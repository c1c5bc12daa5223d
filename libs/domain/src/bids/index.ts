export * from './bid-view';
export * from './bid-visibility';

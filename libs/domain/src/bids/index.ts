export * from './bid-view';

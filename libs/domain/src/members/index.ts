export * from './member-status';

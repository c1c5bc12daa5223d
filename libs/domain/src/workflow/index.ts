export * from './bid-status';
export * from './change-request';
export * from './charter';
export * from './collective-decision';
export * from './deadlines';
export * from './member-composition';
export * from './membership-freeze';
export * from './bid-actions';
export { formatDeadline } from './transition-refusal';

export * from './allocation-comparison';
export * from './move-hours';
export * from './override-line';
export * from './stale-version';
export * from './uncovered-part';
export * from './split-summary';

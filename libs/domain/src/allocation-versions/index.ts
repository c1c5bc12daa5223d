export * from './allocation-comparison';
export * from './override-line';

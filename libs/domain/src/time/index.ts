export * from './procurement-time';

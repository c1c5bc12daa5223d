export * from './nul-characters';
export * from './french-decimal';

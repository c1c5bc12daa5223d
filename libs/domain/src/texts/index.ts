export * from './nul-characters';

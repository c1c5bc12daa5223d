export * from './required';

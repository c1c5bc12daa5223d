export * from './territory-code';

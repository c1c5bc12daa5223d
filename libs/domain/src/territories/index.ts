export * from './territory-code';
export * from './coverage';

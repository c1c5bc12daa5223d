export * from './territory-code';
export * from './coverage';
export * from './territory-names';

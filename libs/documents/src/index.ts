export * from './convention';
export * from './exports';
export * from './fonts';
export * from './signing';
export * from './document-set';
export * from './reports';

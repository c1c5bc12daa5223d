export * from './identifier';
export * from './uuid';

export * from './commitments';
export * from './directory-entry';
export * from './directory-import';
export * from './official-registry';

export * from './bid-documents';
export * from './convention-settings';
export * from './labels';
export * from './document-kinds';

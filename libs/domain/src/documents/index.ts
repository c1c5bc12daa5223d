export * from './bid-documents';
export * from './convention-settings';
export * from './labels';

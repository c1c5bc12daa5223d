export * from './append-only.rules';
export * from './certificate.rules';
export * from './document-signer.port';
export * from './one-time-code.rules';
export * from './signature-level';
export * from './convention-documents.rules';
export * from './signing-eligibility.rules';
export * from './verification-verdict';

export * from './certificate-authority.issuer';
export * from './in-memory-key.signer';
export * from './local-key.document-signer';
export * from './pdf-signatures.reader';
export * from './pdf.signer';
export * from './pkcs12.loader';
export * from './private-key.sealer';
export * from './proof-pdf.renderer';

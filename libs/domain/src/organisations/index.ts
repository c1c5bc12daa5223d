export * from './organisation-kind';
export * from './particulars';

export * from './organisation-kind';

export * from './capacity';
export * from './subcontract-terms';

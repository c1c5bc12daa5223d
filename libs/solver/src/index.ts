export * from './highs-linear-solver';

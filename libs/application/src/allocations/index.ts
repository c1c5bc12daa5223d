/** Requested work (allocation runs, imports, document and signing requests) and its results. */
export const ALLOCATIONS_USE_CASES = [];

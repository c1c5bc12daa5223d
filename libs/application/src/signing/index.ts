/** Documents, signatures and change requests after signature. */
export const SIGNING_USE_CASES = [];

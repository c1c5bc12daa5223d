/** Members, invitations, representations, access and sign-in. */
export const MEMBERS_USE_CASES = [];

/** Roles a user holds, each within a scope: a network, an organisation or a bid. */
export const ROLES = ['COORDINATOR', 'EDITOR', 'SIGNATORY', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  networkId: string | null;
  organisationId: string | null;
  bidId: string | null;
}

/** Who is asking: a signed-in user and everything they may act as. */
export interface Principal {
  userId: string;
  email: string;
  platformAdmin: boolean;
  /** Networks whose bids the user coordinates. */
  coordinatorOf: ReadonlySet<string>;
  /** Organisations whose data and offers the user edits. */
  editorOf: ReadonlySet<string>;
  /** Organisations the user signs for. */
  signatoryOf: ReadonlySet<string>;
  /** Bids (or whole networks) the user follows read-only. */
  viewerOfBids: ReadonlySet<string>;
  viewerOfNetworks: ReadonlySet<string>;
}

export function principalOf(
  user: { id: string; email: string; platformAdmin: boolean },
  grants: readonly RoleGrant[],
): Principal {
  const scoped = (role: Role, scope: keyof Omit<RoleGrant, 'role'>) =>
    new Set(
      grants
        .filter((grant) => grant.role === role && grant[scope] !== null)
        .map((grant) => grant[scope] as string),
    );
  return {
    userId: user.id,
    email: user.email,
    platformAdmin: user.platformAdmin,
    coordinatorOf: scoped('COORDINATOR', 'networkId'),
    editorOf: scoped('EDITOR', 'organisationId'),
    signatoryOf: scoped('SIGNATORY', 'organisationId'),
    viewerOfBids: scoped('VIEWER', 'bidId'),
    viewerOfNetworks: scoped('VIEWER', 'networkId'),
  };
}

import { Injectable } from '@nestjs/common';
import { type Role, hashSecret } from '@cordage/domain';
import {
  AccessRepository,
  RepresentationsRepository,
  type RoleScope,
  type SessionAccess,
  Transactional,
} from '@cordage/persistence';

/** A role and the scope it is held in. */
export interface RoleGrantRequest extends RoleScope {
  role: Role;
}

/**
 * People, their roles and the scopes the access policy reads: what the api's guard asks before
 * any route runs, and the set-up of users by operators (command line, demo, tests).
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly access: AccessRepository,
    private readonly representations: RepresentationsRepository,
  ) {}

  /**
   * Who a session cookie belongs to, while the session is open, and the bid `bidId` names (null
   * when none is asked or it does not exist): read together, as every request needs both.
   */
  identify(sessionToken: string, bidId: string | null = null): Promise<SessionAccess | null> {
    return this.access.sessionAccess(hashSecret(sessionToken), bidId);
  }

  bidScope(bidId: string) {
    return this.access.bidScope(bidId);
  }

  jobOwner(jobId: string) {
    return this.access.jobOwner(jobId);
  }

  representationScope(requestId: string) {
    return this.representations.scope(requestId);
  }

  /** The user with this address (created if new), holding these roles besides its own. */
  @Transactional()
  async ensureUser(
    email: string,
    displayName: string,
    grants: readonly RoleGrantRequest[] = [],
    options: { platformAdmin?: boolean } = {},
  ): Promise<{ id: string; email: string }> {
    const user = await this.access.ensureUser(email, displayName, options);
    for (const { role, ...scope } of grants) await this.access.grant(user.id, role, scope);
    return { id: user.id, email: user.email };
  }

  /** The network of this name, created if there is none. */
  @Transactional()
  async ensureNetwork(name: string): Promise<string> {
    return this.access.ensureNetwork(name);
  }
}

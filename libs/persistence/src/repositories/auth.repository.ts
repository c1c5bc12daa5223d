import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { LOGIN_LINK_TTL_MS, hashSecret, newSecret } from '@cordage/domain';
import { InvitationLinkEntity, LoginTokenEntity, SessionEntity } from '../entities';

/** Login links and sessions; only SHA-256 hashes of their secrets are ever stored. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a link request asked from the sign-in page once `admit` accepts the requests already
   * made since `since` (for this address, from this IP), and issues its token as issueLoginToken
   * does. Locks on the address and the IP, held to the commit, keep requests made at the same
   * instant from all slipping under a limit; `admit` throws to refuse, and nothing is recorded.
   */
  async issueLoginTokenWithinLimits(
    request: { email: string; userId: string | null; ip: string | null },
    since: Date,
    admit: (recent: { byEmail: number; byIp: number }) => void,
  ): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      // Address first, then IP, in every transaction: no two wait on each other in a cycle.
      await manager.query(`SELECT pg_advisory_xact_lock(1, hashtext($1))`, [request.email]);
      if (request.ip !== null)
        await manager.query(`SELECT pg_advisory_xact_lock(2, hashtext($1))`, [request.ip]);
      const [row] = await manager.query<{ by_email: number; by_ip: number }[]>(
        `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
                count(*) FILTER (WHERE requested_ip = $2)::int AS by_ip
         FROM login_tokens WHERE created_at > $3`,
        [request.email, request.ip, since],
      );
      admit({ byEmail: row.by_email, byIp: row.by_ip });
      return this.insertLoginToken(manager, request);
    });
  }

  /**
   * Records a link request. For a known user it issues the token and returns it (the only time it
   * exists in clear); for an unknown address it records the attempt and returns null.
   */
  async issueLoginToken(request: {
    email: string;
    userId: string | null;
    ip: string | null;
  }): Promise<string | null> {
    return this.insertLoginToken(this.dataSource.manager, request);
  }

  private async insertLoginToken(
    manager: EntityManager,
    request: { email: string; userId: string | null; ip: string | null },
  ): Promise<string | null> {
    const token = request.userId ? newSecret() : null;
    await manager.insert(LoginTokenEntity, {
      email: request.email,
      userId: request.userId,
      tokenHash: token ? hashSecret(token) : null,
      requestedIp: request.ip,
      expiresAt: new Date(Date.now() + LOGIN_LINK_TTL_MS),
    });
    return token;
  }

  /** Marks the token used if it is valid now; returns its user, or null. Atomic: works once. */
  async consumeLoginToken(token: string): Promise<string | null> {
    const tokenHash = hashSecret(token);
    // For an UPDATE, TypeORM answers [rows, affected count].
    const [rows] = await this.dataSource.query<[{ user_id: string }[], number]>(
      `UPDATE login_tokens SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND user_id IS NOT NULL
       RETURNING user_id`,
      [tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }

  /**
   * Issues an invitation's link for a member's invited person, revoking the links sent before
   * for that member (a new link replaces them). Returns the token: the only time it exists in clear.
   */
  async issueInvitationLink(link: {
    memberId: string;
    userId: string;
    ttlMs: number;
    createdBy: string | null;
  }): Promise<string> {
    const token = newSecret();
    // The old links end only if the new one exists.
    await this.dataSource.transaction(async (manager) => {
      await this.revokeInvitationLinks(link.memberId, manager);
      await manager.insert(InvitationLinkEntity, {
        memberId: link.memberId,
        userId: link.userId,
        tokenHash: hashSecret(token),
        expiresAt: new Date(Date.now() + link.ttlMs),
        createdBy: link.createdBy,
      });
    });
    return token;
  }

  /** Revokes a member's links not used yet; returns how many were still open. */
  async revokeInvitationLinks(
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, revoked] = await manager.query<[unknown[], number]>(
      `UPDATE invitation_links SET revoked_at = now()
       WHERE member_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [memberId],
    );
    return revoked;
  }

  /** Marks an invitation's link used if it is valid now; returns its user, or null. Works once. */
  async consumeInvitationLink(token: string): Promise<string | null> {
    const [rows] = await this.dataSource.query<[{ user_id: string }[], number]>(
      `UPDATE invitation_links SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id`,
      [hashSecret(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  async createSession(session: {
    userId: string;
    tokenHash: string;
    csrfToken: string;
    ip: string | null;
    userAgent: string | null;
    expiresAt: Date;
  }): Promise<SessionEntity> {
    const { identifiers } = await this.dataSource.manager.insert(SessionEntity, session);
    return this.dataSource.manager.findOneByOrFail(SessionEntity, {
      id: identifiers[0].id as string,
    });
  }

  async findActiveSession(tokenHash: string): Promise<SessionEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(SessionEntity, 'session')
      .where('session.token_hash = :tokenHash', { tokenHash })
      .andWhere('session.revoked_at IS NULL')
      .andWhere('session.expires_at > now()')
      .getOne();
  }

  async revokeSession(id: string): Promise<void> {
    await this.dataSource.manager.update(SessionEntity, { id }, { revokedAt: () => 'now()' });
  }

  /** Logout everywhere: every session of the user ends. Returns how many were open. */
  async revokeAllSessions(userId: string): Promise<number> {
    const [, closed] = await this.dataSource.query<[unknown[], number]>(
      'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
    return closed;
  }
}

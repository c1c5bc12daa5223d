import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { LEFT_MEMBER_STATUSES } from '@cordage/domain';
import { InvitationLinkEntity, LoginTokenEntity, SessionEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

export interface LoginLinkRequest {
  email: string;
  userId: string | null;
  ip: string | null;
  /** The hash of the link's secret, or null for an unknown address (the attempt still counts). */
  tokenHash: string | null;
  expiresAt: Date;
}

/** Login links and sessions; only SHA-256 hashes of their secrets are ever stored. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * Holds the address and the IP until commit, so that requests made at the same instant cannot
   * all slip under a limit: address first, then IP, in every transaction, so no two wait on each
   * other in a cycle. Raw SQL: advisory locks have no query-builder form.
   */
  async lockLoginRequests(email: string, ip: string | null): Promise<void> {
    await this.db.tx.query('SELECT pg_advisory_xact_lock(1, hashtext($1))', [email]);
    if (ip !== null) await this.db.tx.query('SELECT pg_advisory_xact_lock(2, hashtext($1))', [ip]);
  }

  /** The link requests made since `since`, for this address and from this IP. */
  async loginRequestsSince(
    email: string,
    ip: string | null,
    since: Date,
  ): Promise<{ byEmail: number; byIp: number }> {
    const createdAt = MoreThan(since);
    return {
      byEmail: await this.db.tx.countBy(LoginTokenEntity, { email, createdAt }),
      byIp:
        ip === null
          ? 0
          : await this.db.tx.countBy(LoginTokenEntity, { requestedIp: ip, createdAt }),
    };
  }

  /** Records a link request, as the use case made it (only the hash of its secret is stored). */
  async insertLoginToken(request: LoginLinkRequest): Promise<void> {
    await this.db.tx.insert(LoginTokenEntity, {
      email: request.email,
      userId: request.userId,
      tokenHash: request.tokenHash,
      requestedIp: request.ip,
      expiresAt: request.expiresAt,
    });
  }

  /** Marks the token used if it is valid now; returns its user, or null. Atomic: works once. */
  async consumeLoginToken(tokenHash: string): Promise<string | null> {
    const updated = await this.db.tx
      .createQueryBuilder()
      .update(LoginTokenEntity)
      .set({ usedAt: () => 'now()' })
      .where({ tokenHash, usedAt: IsNull() })
      .andWhere('expires_at > now() AND user_id IS NOT NULL')
      .returning(['userId'])
      .execute();
    return firstUserId(updated.raw);
  }

  /** Records an invitation's link (only the hash of its secret). */
  async insertInvitationLink(link: {
    memberId: string;
    userId: string;
    tokenHash: string;
    expiresAt: Date;
    createdBy: string | null;
  }): Promise<void> {
    await this.db.tx.insert(InvitationLinkEntity, link);
  }

  /** Revokes a member's links not used yet; returns how many were still open. */
  async revokeInvitationLinks(memberId: string): Promise<number> {
    const { affected } = await this.db.tx.update(
      InvitationLinkEntity,
      { memberId, usedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return affected ?? 0;
  }

  /**
   * Marks an invitation's link used if it is valid now, and its member still in the bid; returns
   * its user, or null. Works once.
   */
  async consumeInvitationLink(tokenHash: string): Promise<string | null> {
    const updated = await this.db.tx
      .createQueryBuilder()
      .update(InvitationLinkEntity)
      .set({ usedAt: () => 'now()' })
      .where({ tokenHash, usedAt: IsNull(), revokedAt: IsNull() })
      .andWhere('expires_at > now()')
      .andWhere(
        'member_id IN (SELECT m.id FROM members m WHERE m.status <> ALL(:leftStatuses::text[]))',
        { leftStatuses: LEFT_MEMBER_STATUSES },
      )
      .returning(['userId'])
      .execute();
    return firstUserId(updated.raw);
  }

  async createSession(session: {
    userId: string;
    tokenHash: string;
    csrfToken: string;
    ip: string | null;
    userAgent: string | null;
    expiresAt: Date;
  }): Promise<SessionEntity> {
    const { identifiers } = await this.db.tx.insert(SessionEntity, session);
    return this.db.tx.findOneByOrFail(SessionEntity, { id: String(identifiers[0]?.id) });
  }

  async revokeSession(id: string): Promise<void> {
    await this.db.tx.update(SessionEntity, { id }, { revokedAt: () => 'now()' });
  }

  /** Logout everywhere: every session of the user ends. Returns how many were open. */
  async revokeAllSessions(userId: string): Promise<number> {
    const { affected } = await this.db.tx.update(
      SessionEntity,
      { userId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return affected ?? 0;
  }
}

/** The user of the row an UPDATE … RETURNING touched, if any. */
function firstUserId(raw: unknown): string | null {
  const [row] = raw as { user_id: string }[];
  return row?.user_id ?? null;
}

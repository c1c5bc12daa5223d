import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  LOGIN_LINK_TTL_MS,
  type LoginLinkLimits,
  type Principal,
  assertLoginLinkAllowed,
  hashSecret,
  newSecret,
} from '@cordage/domain';
import { AccessRepository, AuthRepository, Transactional } from '@cordage/persistence';
import { AuditTrail } from '../audit';

export interface OpenedSession {
  /** The cookie's value: only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/** Sign-in links and sessions. */
@Injectable()
export class SignInService {
  constructor(
    private readonly auth: AuthRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Records a link request from the sign-in page, once the limits accept the requests already made
   * (per address and per IP, every request counted, known address or not). Returns the user and
   * the token to mail when the address is a user's; null otherwise (no one learns who has an
   * account). Locks on the address and the IP, held to the commit, keep requests made at the same
   * instant from all slipping under a limit.
   */
  @Transactional()
  async requestLoginLink(
    email: string,
    ip: string | null,
    limits: LoginLinkLimits,
  ): Promise<{ email: string; token: string } | null> {
    const address = email.trim().toLowerCase();
    const user = await this.access.findUserByEmail(address);
    await this.auth.lockLoginRequests(address, ip);
    const since = new Date(Date.now() - LOGIN_LINK_TTL_MS);
    assertLoginLinkAllowed(await this.auth.loginRequestsSince(address, ip, since), limits);
    // An unknown address records the attempt (it counts against the limits) but gets no token.
    const token = user ? newSecret() : null;
    await this.auth.insertLoginToken({
      email: address,
      userId: user?.id ?? null,
      ip,
      tokenHash: token ? hashSecret(token) : null,
      expiresAt: new Date(Date.now() + LOGIN_LINK_TTL_MS),
    });
    return user && token ? { email: user.email, token } : null;
  }

  /** An operator's support tool: a login link's token for an existing user, audited. */
  @Transactional()
  async issueLoginLinkByOperator(email: string, actor: Actor): Promise<string> {
    const user = await this.access.findUserByEmail(email);
    if (!user) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Aucun utilisateur n’a l’adresse ${email}.`);
    }
    const token = newSecret();
    await this.auth.insertLoginToken({
      email: user.email,
      userId: user.id,
      ip: null,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + LOGIN_LINK_TTL_MS),
    });
    await this.audit.append(actor, {
      action: 'login_link.issued_by_operator',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email },
    });
    return token;
  }

  /** Uses a sign-in or invitation link's token (once) and opens a session. */
  @Transactional()
  async openSession(
    token: string,
    client: { ip: string | null; userAgent: string | null; requestId: string | null },
    ttlMs: number,
  ): Promise<OpenedSession> {
    // The same page serves both links: a 15-minute sign-in link, or an invitation's link.
    const tokenHash = hashSecret(token);
    const userId =
      (await this.auth.consumeLoginToken(tokenHash)) ??
      (await this.auth.consumeInvitationLink(tokenHash));
    if (!userId) {
      throw new DomainError(
        DomainErrorCode.LOGIN_LINK_INVALID,
        'Ce lien de connexion n’est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau.',
      );
    }
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(Date.now() + ttlMs);
    const session = await this.auth.createSession({
      userId,
      tokenHash: hashSecret(sessionToken),
      csrfToken,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    });
    const user = await this.access.principal(userId);
    await this.audit.append(
      { userId, label: user?.email ?? userId, requestId: client.requestId },
      {
        action: 'session.opened',
        entityType: 'session',
        entityId: session.id,
        after: { ip: client.ip },
      },
    );
    return { token: sessionToken, csrfToken, expiresAt, userId };
  }

  @Transactional()
  async closeSession(sessionId: string, actor: Actor): Promise<void> {
    await this.auth.revokeSession(sessionId);
    await this.audit.append(actor, {
      action: 'session.closed',
      entityType: 'session',
      entityId: sessionId,
    });
  }

  /** Ends every session of the user, on every device; returns how many were open. */
  @Transactional()
  async closeAllSessions(actor: Actor & { userId: string }): Promise<number> {
    const closed = await this.auth.revokeAllSessions(actor.userId);
    await this.audit.append(actor, {
      action: 'session.closed_everywhere',
      entityType: 'user',
      entityId: actor.userId,
      after: { sessions: closed },
    });
    return closed;
  }

  /** The networks a person coordinates or observes, with their names. */
  networksOf(principal: Principal): Promise<{ id: string; name: string }[]> {
    return this.access.networks([
      ...new Set([...principal.coordinatorOf, ...principal.viewerOfNetworks]),
    ]);
  }
}

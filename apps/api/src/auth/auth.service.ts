import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AuthEnv } from '@cordage/config';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  LOGIN_LINK_TTL_MS,
  assertLoginLinkAllowed,
  hashSecret,
  loginLinkUrl,
  newSecret,
  type Principal,
} from '@cordage/domain';
import { AccessRepository, AuditLogRepository, AuthRepository } from '@cordage/persistence';
import { Mailer } from '@cordage/mail';

export interface OpenedSession {
  /** The cookie's value: only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/** Magic links and sessions. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly auth: AuthRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditLogRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AuthEnv,
  ) {}

  /**
   * Mails a login link if the address is a user's. The answer is the same either way (no one
   * learns who has an account); the limits count every request, per address and per IP.
   */
  async requestLoginLink(email: string, ip: string | null): Promise<void> {
    const address = email.trim().toLowerCase();
    const since = new Date(Date.now() - LOGIN_LINK_TTL_MS);
    const user = await this.access.findUserByEmail(address);
    const token = await this.auth.issueLoginTokenWithinLimits(
      { email: address, userId: user?.id ?? null, ip },
      since,
      (recent) =>
        assertLoginLinkAllowed(recent, {
          perAddress: this.config.LOGIN_LINKS_PER_ADDRESS,
          perIp: this.config.LOGIN_LINKS_PER_IP,
        }),
    );
    if (!user || !token) {
      this.logger.log({ ip }, 'login link asked for an unknown address');
      return;
    }
    await this.mailer.send({
      to: user.email,
      subject: 'Votre lien de connexion à Cordage',
      text:
        `Bonjour,\n\nPour vous connecter à Cordage, suivez ce lien (valable 15 minutes, une seule fois) :\n` +
        `${loginLinkUrl(this.config.PUBLIC_URL, token)}\n\n` +
        `Si vous n’avez rien demandé, ignorez ce message.\n`,
    });
  }

  /** Uses a login link's token (once) and opens a session. */
  async openSession(
    token: string,
    client: { ip: string | null; userAgent: string | null; requestId: string | null },
  ): Promise<OpenedSession> {
    // The same page serves both links: a 15-minute sign-in link, or an invitation's link.
    const userId =
      (await this.auth.consumeLoginToken(token)) ?? (await this.auth.consumeInvitationLink(token));
    if (!userId) {
      throw new DomainError(
        DomainErrorCode.LOGIN_LINK_INVALID,
        'Ce lien de connexion n’est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau.',
      );
    }
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000);
    const session = await this.auth.createSession({
      userId,
      tokenHash: hashSecret(sessionToken),
      csrfToken,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    });
    const user = await this.access.principal(userId);
    await this.audit.record(
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

  /** The networks a person coordinates or observes, with their names. */
  networksOf(principal: Principal): Promise<{ id: string; name: string }[]> {
    return this.access.networks([
      ...new Set([...principal.coordinatorOf, ...principal.viewerOfNetworks]),
    ]);
  }

  async closeSession(sessionId: string, actor: Actor): Promise<void> {
    await this.auth.revokeSession(sessionId);
    await this.audit.record(actor, {
      action: 'session.closed',
      entityType: 'session',
      entityId: sessionId,
    });
  }

  /** Ends every session of the user, on every device. */
  async closeAllSessions(actor: Actor & { userId: string }): Promise<number> {
    const closed = await this.auth.revokeAllSessions(actor.userId);
    await this.audit.record(actor, {
      action: 'session.closed_everywhere',
      entityType: 'user',
      entityId: actor.userId,
      after: { sessions: closed },
    });
    return closed;
  }
}

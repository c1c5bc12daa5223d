import type { INestApplicationContext } from '@nestjs/common';
import { APP_CONFIG, type AuthEnv } from '@cordage/config';
import { DomainError, DomainErrorCode, loginLinkUrl } from '@cordage/domain';
import { AccessRepository, AuditLogRepository, AuthRepository } from '@cordage/persistence';

/**
 * An operator's support tool: a login link for an existing user, printed instead of mailed. The
 * issue is recorded in the audit log.
 */
export async function loginLink(app: INestApplicationContext, email: string): Promise<string> {
  const user = await app.get(AccessRepository).findUserByEmail(email);
  if (!user) {
    throw new DomainError(DomainErrorCode.NOT_FOUND, `Aucun utilisateur n’a l’adresse ${email}.`);
  }
  const token = await app
    .get(AuthRepository)
    .issueLoginToken({ email: user.email, userId: user.id, ip: null });
  await app.get(AuditLogRepository).record(
    { userId: null, label: 'cli', requestId: null },
    {
      action: 'login_link.issued_by_operator',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email },
    },
  );
  return loginLinkUrl(app.get<AuthEnv>(APP_CONFIG).PUBLIC_URL, token!);
}

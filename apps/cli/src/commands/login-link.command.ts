import type { INestApplicationContext } from '@nestjs/common';
import { type ConfigOf, authConfig } from '@cordage/config';
import { SignInService } from '@cordage/application';
import { loginLinkUrl } from '@cordage/domain';

/**
 * An operator's support tool: a login link for an existing user, printed instead of mailed. The
 * issue is recorded in the audit log.
 */
export async function loginLink(app: INestApplicationContext, email: string): Promise<string> {
  const token = await app
    .get(SignInService)
    .issueLoginLinkByOperator(email, { userId: null, label: 'cli', requestId: null });
  return loginLinkUrl(app.get<ConfigOf<typeof authConfig>>(authConfig.token).PUBLIC_URL, token);
}

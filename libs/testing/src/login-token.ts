import type { INestApplicationContext } from '@nestjs/common';
import { LOGIN_LINK_TTL_MS, hashSecret, newSecret } from '@cordage/domain';
import { AuthRepository } from '@cordage/persistence';

/**
 * A login link's token for a known user, as the mailed link would carry it (no limits, no mail):
 * the secret is made here and only its hash is written, as the sign-in use case does.
 */
export async function issueLoginToken(
  app: INestApplicationContext,
  user: { email: string; userId: string },
): Promise<string> {
  const token = newSecret();
  await app.get(AuthRepository).insertLoginToken({
    email: user.email,
    userId: user.userId,
    ip: null,
    tokenHash: hashSecret(token),
    expiresAt: new Date(Date.now() + LOGIN_LINK_TTL_MS),
  });
  return token;
}

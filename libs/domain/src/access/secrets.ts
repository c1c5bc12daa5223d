import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a link or a cookie: 256 bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a secret: its SHA-256, so that a database leak opens no session. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Magic links work for 15 minutes, once. */
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;

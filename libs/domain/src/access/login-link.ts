/**
 * The link a person follows: a page that asks for one click before the token is used, so that
 * mail scanners that open every link do not spend it.
 */
export function loginLinkUrl(publicUrl: string, token: string): string {
  const url = new URL('/api/auth/callback', publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

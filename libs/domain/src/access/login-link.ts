/**
 * The link a person follows: a page that asks for one click before the token is used, so that
 * mail scanners that open every link do not spend it; then the web app opens at `next`.
 */
export function loginLinkUrl(publicUrl: string, token: string, next?: string): string {
  const url = new URL('/api/auth/callback', publicUrl);
  url.searchParams.set('token', token);
  if (next && isAppPath(next)) url.searchParams.set('next', next);
  return url.toString();
}

/** A path of this site (not "//elsewhere" nor a full URL): where a sign-in may lead, and nothing else. */
export function isAppPath(path: string): boolean {
  return /^\/(?![/\\])[\w\-./%?=&]*$/.test(path) && path.length <= 200;
}

/** The web app's pages a mail sends people to (apps/web's routes). */
export type BidPage = 'overview' | 'members' | 'allocation' | 'decision' | 'convention';
const BID_PAGE_PATHS: Readonly<Record<BidPage, string>> = {
  overview: '',
  members: '/membres',
  allocation: '/repartition',
  decision: '/decision',
  convention: '/convention',
};

/** Where a person acts on a bid in the web app (it asks them to sign in first if need be). */
export function bidPageUrl(publicUrl: string, bidId: string, page: BidPage): string {
  return new URL(`/candidatures/${bidId}${BID_PAGE_PATHS[page]}`, publicUrl).toString();
}

import { DomainError, DomainErrorCode, type Problem } from '../errors';

/** How many sign-in links may be asked within a link's lifetime (LOGIN_LINK_TTL_MS). */
export interface LoginLinkLimits {
  perAddress: number;
  perIp: number;
}

/** The link requests already made in that window: for the address asked, and from the IP. */
export interface RecentLoginLinkRequests {
  byEmail: number;
  byIp: number;
}

/**
 * Refuses a link request past a limit. The address's own limit comes first and stops that
 * address alone; the IP's limit is wide, since a whole training room signs in from one office
 * address. A refused request is not recorded, so it never uses up the others' allowance.
 */
export function assertLoginLinkAllowed(
  recent: RecentLoginLinkRequests,
  limits: LoginLinkLimits,
): void {
  if (recent.byEmail >= limits.perAddress) {
    throw tooManyLinks('pour cette adresse', {
      path: 'email',
      code: 'LOGIN_LINKS_PER_ADDRESS',
      message: `${limits.perAddress} liens au plus par quart d’heure pour une même adresse`,
    });
  }
  if (recent.byIp >= limits.perIp) {
    throw tooManyLinks('depuis votre réseau', {
      path: '',
      code: 'LOGIN_LINKS_PER_IP',
      message: `${limits.perIp} liens au plus par quart d’heure depuis une même adresse IP`,
    });
  }
}

/** Both limits refuse alike: try again once the window has passed. */
function tooManyLinks(where: string, problem: Problem): DomainError {
  return new DomainError(
    DomainErrorCode.TOO_MANY_REQUESTS,
    `Trop de demandes de lien ${where} : réessayez dans un quart d’heure.`,
    [problem],
  );
}

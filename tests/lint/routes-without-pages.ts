/**
 * The api's routes that no page of the web app calls, each with its reason. Every other route
 * must be reached from a page (tests/lint/routes-and-pages.spec.ts): a route a person needs gets
 * its page, a link or a button, not a line here.
 */

/** Routes for machines and integrators only: nobody opens them from the web app. */
export const MACHINE_ONLY: ReadonlyMap<string, string> = new Map([
  ['GET /api/health', 'les sondes de l’hébergement (Postgres et Redis répondent)'],
  ['GET /api/auth/callback', 'la page que l’api sert elle-même au lien de connexion reçu par mail'],
  [
    'POST /api/auth/session',
    'le formulaire de la page du lien de connexion (GET /api/auth/callback)',
  ],
  [
    'GET /api/signing/authority.pem',
    'les outils de vérification hors ligne (openssl, verify-pdf-signatures) ; la page « Vérifier un PDF » vérifie sur le serveur',
  ],
  ['GET /api/signing/revocations.pem', 'la liste de révocation pour les mêmes outils hors ligne'],
  [
    'PATCH /api/bids/{bidId}/members/{memberId}',
    'les intégrateurs : la page des capacités envoie les mêmes données avec les offres (PUT …/offers)',
  ],
  [
    'GET /api/bids/{bidId}/corrigenda/{number}',
    'les intégrateurs : la page des avis rectificatifs les montre en entier depuis leur liste',
  ],
  [
    'GET /api/bids/{bidId}/reports/{reportId}',
    'les intégrateurs : la page des rapports les montre en entier depuis leur liste',
  ],
]);

/**
 * Routes a person needs that have no page yet. The test fails as soon as one gets a page, so that
 * its line goes: this list only shrinks.
 */
export const KNOWN_GAPS: ReadonlyMap<string, string> = new Map();

import type { IdentifierScheme } from '@cordage/domain/identifiers';

// The domain's own checks (SIRET, SIREN, BCE keys), shared with the api: both refuse the same input.
export {
  IDENTIFIER_SCHEMES,
  identifierProblem,
  normalizeIdentifier,
} from '@cordage/domain/identifiers';

export const IDENTIFIER_SCHEME_LABEL: Record<IdentifierScheme, string> = {
  SIRET: 'SIRET (établissement, 14 chiffres)',
  SIREN: 'SIREN (entreprise, 9 chiffres)',
  BCE: 'BCE (Belgique, 10 chiffres)',
};

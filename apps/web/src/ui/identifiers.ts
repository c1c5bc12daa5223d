import type { IdentifierScheme } from '@cordage/domain/identifiers';
import { optionsOf } from './labels';

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

/** The schemes as the options of a choice list. */
export const IDENTIFIER_SCHEME_OPTIONS = optionsOf(IDENTIFIER_SCHEME_LABEL);

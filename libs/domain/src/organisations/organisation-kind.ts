/**
 * Kinds of social-economy organisations. SIAE: EI, AI, ACI, ETTI, EITI, GEIQ; disability employers:
 * EA, ESAT (France), ETA (Belgium).
 */
export const ORGANISATION_KINDS = [
  'EI',
  'AI',
  'ACI',
  'ETTI',
  'EITI',
  'GEIQ',
  'EA',
  'ESAT',
  'ETA',
  'OTHER',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

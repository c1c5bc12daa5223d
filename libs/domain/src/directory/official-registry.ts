import type { IdentifierScheme } from '../identifiers';
import type { LegalForm, OrganisationKind } from '../organisations';

/**
 * A port to the official registries of the social economy: the SIAE register (France, the
 * inclusion platform's list of conventionned structures) and the EA/ESAT/ETA lists. They cannot
 * be fetched from here; an adapter reads what was recorded, and a record only prefills a form.
 */
export interface RegistryRecord {
  /** Which registry answered ("SIAE", "EA"...). */
  source: string;
  idScheme: IdentifierScheme;
  idValue: string;
  legalName: string;
  kind: OrganisationKind;
  legalForm: LegalForm | null;
  address: string | null;
  approvalNumber: string | null;
  /** YYYY-MM-DD. */
  approvalDate: string | null;
  territories: string[];
  contactEmail: string | null;
  contactPhone: string | null;
}

export interface OfficialRegistry {
  /** The record for this identifier (a SIREN also finds its establishments' SIRET), or null. */
  lookup(idScheme: IdentifierScheme, idValue: string): Promise<RegistryRecord | null>;
}

/** The injection token of the registry adapter. */
export const OFFICIAL_REGISTRY = Symbol('OfficialRegistry');

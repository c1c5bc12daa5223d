import type { IdentifierScheme } from '../identifiers';
import type { OrganisationKind } from '../organisations';

/** A coordinator's invitation of an organisation into a bid, sent to one person's address. */
export interface Invitation {
  email: string;
  idScheme: IdentifierScheme;
  id: string;
  /** The person also signs for the organisation (its legal representative or delegate). */
  signatory?: boolean;
  /** Needed when the organisation is not known yet. */
  organisation?: {
    legalName: string;
    kind: OrganisationKind;
    employees: number;
    home: string;
    representative: { name: string; title: string };
  };
}

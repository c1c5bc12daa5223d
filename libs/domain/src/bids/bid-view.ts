import type { Transparency } from '../access';
import type { ConventionSettings } from '../documents';
import type { IdentifierScheme } from '../identifiers';
import type { MemberStatus } from '../members';
import type { OrganisationKind } from '../organisations';
import type {
  ConsortiumForm,
  Preference,
  Reservation,
  ScenarioRules,
  SubcontractKind,
} from '../scenario';

/** A bid as its members read it: tender, lots with cells, members with their offers' totals. */
export interface BidView {
  id: string;
  status: string;
  networkId: string;
  transparency: Transparency;
  /** False when this reader sees only its own members' offers (figures of others are zeroed). */
  offersShared: boolean;
  createdAt: string;
  tender: {
    id: string;
    reference: string;
    title: string;
    buyer: { name: string; idScheme: IdentifierScheme; id: string };
    deadline: string;
    reserved: Reservation;
    /** The tender forbids an operator to be a member of several consortia (R2142-21). */
    exclusiveMembership: boolean;
  };
  consortium: {
    form: ConsortiumForm;
    mandataire: { organisationId: string; legalName: string };
    rules: ScenarioRules;
    policy: { secondaryCost: number };
    /** The convention's parameters in force. */
    convention: ConventionSettings;
  };
  lots: LotView[];
  members: MemberView[];
  subcontracts: SubcontractView[];
  totals: {
    lots: number;
    cells: number;
    members: number;
    offers: number;
    amountCents: number;
    insertionHours: number;
    demandHours: number;
    offeredHours: number;
  };
}

export interface LotView {
  id: string;
  number: number;
  title: string;
  amountCents: number;
  insertionHours: number;
  demandHours: number;
  offeredHours: number;
  cells: {
    id: string;
    territory: string;
    territoryName: string;
    parent: string | null;
    label: string | null;
    demandHours: number;
    offeredHours: number;
    offerCount: number;
  }[];
}

export interface MemberView {
  id: string;
  key: string;
  role: 'COTRAITANT' | 'SOUS_TRAITANT';
  status: MemberStatus;
  declineReason: string | null;
  /** When a coordinator last reminded it of the step it has not done (ISO instant). */
  lastRemindedAt: string | null;
  organisation: {
    id: string;
    legalName: string;
    kind: OrganisationKind;
    idScheme: IdentifierScheme;
    idValue: string;
    /** Null when the bid's network has not entered it. */
    employees: number | null;
    home: string;
    representative: { name: string; title: string; email: string };
  };
  insertionHoursMax: number | null;
  limits: { maxHours: number | null; maxRevenueCents: number | null } | null;
  offerCount: number;
  offeredHours: number;
}

export interface SubcontractView {
  id: string;
  lot: number;
  principal: string;
  subcontractor: string;
  kind: SubcontractKind;
  nature: string;
  maxAmountCents: number;
}

export interface OfferView {
  id: string;
  member: string;
  lot: number;
  territory: string;
  hours: number;
  preference: Preference;
  /** Set when a corrigendum changed the cell or lot since: the member should declare again. */
  outdated: { corrigendum: number; reason: string } | null;
  /**
   * Who entered it and when: the member's own editor, or a coordinator on its behalf (onBehalf);
   * null for an offer that came with an imported bid.
   */
  entered: { by: string; onBehalf: boolean; at: string } | null;
}

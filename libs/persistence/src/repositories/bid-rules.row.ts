import type { IdentifierScheme, OrganisationKind, Reservation } from '@cordage/domain';

/** The bid's rules on its consortium and its costs, as the `bids` row stores them (raw reads). */
export interface BidRulesRow {
  min_members: number | null;
  min_of_kind: Partial<Record<OrganisationKind, number>>;
  min_small_members: number | null;
  small_below_employees: number;
  max_total_cents: string | null;
  secondary_cost: string;
}

/** The tender a bid answers, as the `tenders` row stores it (raw reads). */
export interface TenderRow {
  reference: string;
  title: string;
  buyer_name: string;
  buyer_id_scheme: IdentifierScheme;
  buyer_id_value: string;
  deadline: Date;
  reserved: Reservation;
  exclusive_membership: boolean;
}

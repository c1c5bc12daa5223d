import type {
  CoverageLevel,
  IdentifierScheme,
  OrganisationKind,
  Reservation,
  ScenarioRules,
} from '@cordage/domain';

/** The bid's rules on its consortium and its costs, as the `bids` row stores them (raw reads). */
export interface BidRulesRow {
  min_members: number | null;
  min_of_kind: Partial<Record<OrganisationKind, number>>;
  min_small_members: number | null;
  max_members: number | null;
  min_coverage_level: CoverageLevel | null;
  min_coverage_count: number | null;
  small_below_employees: number;
  max_total_cents: string | null;
  secondary_cost: string;
}

/**
 * The consortium's composition rules of a `bids` row (counts, kinds, small members, maximum,
 * territorial coverage), as the scenario says them; the maximum total is read apart.
 */
export function compositionRules(
  row: Omit<BidRulesRow, 'max_total_cents' | 'secondary_cost'>,
): Omit<ScenarioRules, 'maxTotalCents'> {
  return {
    ...(row.min_members !== null && { minMembers: row.min_members }),
    ...(Object.keys(row.min_of_kind).length > 0 && { minOfKind: row.min_of_kind }),
    ...(row.min_small_members !== null && { minSmallMembers: row.min_small_members }),
    smallBelowEmployees: row.small_below_employees,
    ...(row.max_members !== null && { maxMembers: row.max_members }),
    ...(row.min_coverage_level !== null &&
      row.min_coverage_count !== null && {
        minCoverage: { level: row.min_coverage_level, count: row.min_coverage_count },
      }),
  };
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

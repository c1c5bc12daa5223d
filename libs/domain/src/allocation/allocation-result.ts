import type { CoverageLevel } from '../territories';

/**
 * What an allocation produces (shared/docs/scenario-format.md, end): the JSON written by
 * `cordage allocate --out`. Hours carry two decimals; amounts are whole cents; every list has a
 * fixed order, so the same input always gives the same bytes.
 */
export interface AllocationLine {
  readonly org: string;
  readonly lot: number;
  readonly territory: string;
  readonly hours: number;
}

export interface AllocationMemberLot {
  readonly org: string;
  readonly lot: number;
  readonly hours: number;
  readonly amountCents: number;
  /** The member's share of the lot's hours (and amount), in permille with two decimals. */
  readonly sharePermille: number;
  readonly insertionHours: number;
}

export interface AllocationUncovered {
  readonly lot: number;
  readonly territory: string;
  readonly hours: number;
  readonly amountCents: number;
  /** The insertion hours that go with this uncovered work, out of the lot's requirement. */
  readonly insertionHours: number;
}

export interface AllocationOptima {
  /** S*: the least total of uncovered hours. */
  readonly coverage: number;
  /** W*: the least total cost of work away from primary territories. */
  readonly proximity: number;
  /** U*: the fraction of its capacity that every member receives at least. */
  readonly fairness: number;
}

export type CompositionRuleName =
  'minMembers' | 'maxMembers' | 'minOfKind' | 'minSmallMembers' | 'minCoverage' | 'maxTotalCents';

export interface CompositionRuleCheck {
  readonly rule: CompositionRuleName;
  /** For `minOfKind`: the organisation kind counted. */
  readonly kind?: string;
  /** For `minCoverage`: what is counted (départements, provinces or regions). */
  readonly level?: CoverageLevel;
  /** For `minCoverage`: the départements, provinces or regions covered, by name, in code order. */
  readonly covered?: string[];
  /** The tender's figure: a minimum, a maximum of members, or the maximum amount in cents. */
  readonly threshold: number;
  /** The allocation's figure. */
  readonly actual: number;
  readonly met: boolean;
  readonly message: string;
}

export type AllocationWarningCode =
  | 'UNCOVERED_DEMAND'
  | 'INSERTION_HOURS_UNASSIGNED'
  | 'INSERTION_CAPACITY_EXCEEDED'
  | 'REVENUE_CAP_ROUNDING'
  | 'SUBCONTRACT_EXCEEDS_PRINCIPAL';

export interface AllocationWarning {
  readonly code: AllocationWarningCode;
  /** Where in the scenario file the warning points. */
  readonly path: string;
  readonly message: string;
}

export interface AllocationResult {
  readonly lines: readonly AllocationLine[];
  readonly members: readonly AllocationMemberLot[];
  readonly uncovered: readonly AllocationUncovered[];
  readonly optima: AllocationOptima;
  readonly rules: readonly CompositionRuleCheck[];
  readonly warnings: readonly AllocationWarning[];
  /** One text per organisation key, in key order. */
  readonly explanations: Readonly<Record<string, string>>;
}

/**
 * The result as a reader who sees only its own members' offers may read it (`visibleMembers`:
 * their keys). The split itself (lines, shares, uncovered part) is every member's to read; an
 * explanation speaks of a member's offers and caps, and so do the warnings about one member:
 * only its own explanation and the lots' warnings are left.
 */
export function redactAllocationResult(
  result: AllocationResult,
  visibleMembers: 'ALL' | readonly string[],
): AllocationResult {
  if (visibleMembers === 'ALL') return result;
  return {
    ...result,
    explanations: Object.fromEntries(
      Object.entries(result.explanations).filter(([key]) => visibleMembers.includes(key)),
    ),
    warnings: result.warnings.filter((warning) => warning.path.startsWith('tender.')),
  };
}

/** The result as the file `cordage allocate --out` writes: indented JSON, ending with a newline. */
export function allocationResultJson(result: AllocationResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

import {
  type CompositionRuleCheck,
  type CoverageRules,
  type HeadcountRules,
  countedAs,
  coverageRuleChecks,
  headcountRuleChecks,
} from '../allocation';
import type { Problem } from '../errors';
import type { MemberStatus } from '../members';
import type { OrganisationKind } from '../organisations';

/**
 * Members who are in the consortium: they accepted, and may since have declared or signed.
 * Signed members count so that the same check serves a change request after the signature.
 */
export const CONSORTIUM_MEMBER_STATUSES: readonly MemberStatus[] = [
  'ACCEPTED',
  'DATA_COMPLETE',
  'SIGNED',
];

/** What the composition rules look at in a member of the bid. */
export interface MemberFacts {
  readonly key: string;
  readonly status: MemberStatus;
  readonly legalName: string;
  readonly kind: OrganisationKind;
  /** Null when the bid's network has not entered it. */
  readonly employees: number | null;
  /**
   * The territories of its offers that still hold (a corrigendum may have removed their cell), a
   * site replaced by its parent: where it works, for the territorial-coverage rule. Absent: none.
   */
  readonly territories?: readonly string[];
}

/** The composition rules that concern membership (the maximum amount concerns the split). */
export type MembershipRules = HeadcountRules & CoverageRules;

export function isConsortiumMember(status: MemberStatus): boolean {
  return CONSORTIUM_MEMBER_STATUSES.includes(status);
}

/**
 * The bid's composition rules checked on who joined (before any allocation), in the same shape and
 * wording as the allocation's check: each rule met or unmet, with a sentence a coordinator reads.
 * The territories covered are those of the joined members' offers.
 */
export function compositionOfMembers(
  members: readonly MemberFacts[],
  rules: MembershipRules,
): CompositionRuleCheck[] {
  const joined = members.filter((member) => isConsortiumMember(member.status));
  return [
    ...headcountRuleChecks(joined, rules, countedAs('rejoint le groupement')),
    ...coverageRuleChecks(
      joined.flatMap((member) => member.territories ?? []),
      rules,
      'par les offres des membres',
    ),
  ];
}

/** The unmet rules as problems, located at the rule (`rules.minOfKind.ETA`). */
export function unmetCompositionProblems(checks: readonly CompositionRuleCheck[]): Problem[] {
  return checks
    .filter((check) => !check.met)
    .map((check) => ({
      path: check.kind === undefined ? `rules.${check.rule}` : `rules.${check.rule}.${check.kind}`,
      code: 'COMPOSITION_RULES_UNMET',
      message: check.message,
    }));
}

import { type CompositionRuleCheck, formatCount } from '../allocation';
import type { Problem } from '../errors';
import type { MemberStatus } from '../members';
import type { OrganisationKind } from '../organisations';
import type { ScenarioRules } from '../scenario';

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
  readonly kind: OrganisationKind;
  readonly employees: number;
}

/** The composition rules that concern membership (the maximum amount concerns the split). */
export type MembershipRules = Pick<
  ScenarioRules,
  'minMembers' | 'minOfKind' | 'minSmallMembers' | 'smallBelowEmployees'
>;

export function isConsortiumMember(status: MemberStatus): boolean {
  return CONSORTIUM_MEMBER_STATUSES.includes(status);
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/**
 * The bid's composition rules checked on who joined (before any allocation), in the same shape and
 * wording as the allocation's check: each rule met or unmet, with a sentence a coordinator reads.
 */
export function compositionOfMembers(
  members: readonly MemberFacts[],
  rules: MembershipRules,
): CompositionRuleCheck[] {
  const joined = members.filter((member) => isConsortiumMember(member.status));
  const status = (met: boolean) => (met ? 'respectée' : 'non respectée');
  const checks: CompositionRuleCheck[] = [];

  if (rules.minMembers !== undefined) {
    const actual = joined.length;
    const met = actual >= rules.minMembers;
    checks.push({
      rule: 'minMembers',
      threshold: rules.minMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minMembers, 'membre', 'membres')} : ` +
        `${plural(actual, 'membre a', 'membres ont')} rejoint le groupement — ${status(met)}.`,
    });
  }

  const kinds = Object.entries(rules.minOfKind ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [kind, minimum] of kinds) {
    if (minimum === undefined) continue;
    const actual = joined.filter((member) => member.kind === kind).length;
    const met = actual >= minimum;
    checks.push({
      rule: 'minOfKind',
      kind,
      threshold: minimum,
      actual,
      met,
      message:
        `Au moins ${plural(minimum, 'membre', 'membres')} ${kind} : ` +
        `${plural(actual, `membre ${kind} a`, `membres ${kind} ont`)} rejoint le groupement — ` +
        `${status(met)}.`,
    });
  }

  if (rules.minSmallMembers !== undefined) {
    const below = rules.smallBelowEmployees;
    const actual = joined.filter((member) => member.employees < below).length;
    const met = actual >= rules.minSmallMembers;
    checks.push({
      rule: 'minSmallMembers',
      threshold: rules.minSmallMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minSmallMembers, 'membre', 'membres')} de moins de ` +
        `${formatCount(below)} salariés : ${plural(actual, 'membre a', 'membres ont')} rejoint le ` +
        `groupement — ${status(met)}.`,
    });
  }
  return checks;
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

import type { AllocationInput } from './allocation-input';
import type { CompositionRuleCheck } from './allocation-result';
import type { Apportionment } from './apportionment';
import { formatCount, formatEuros } from './french-format';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/**
 * The tender's composition rules (minimum members, of a kind, of small members; maximum amount),
 * each reported as met or unmet, never enforced by changing the split. A member counts when the
 * allocation gives it hours; the amount is what the members receive together.
 */
export function checkCompositionRules(
  input: AllocationInput,
  apportionment: Apportionment,
): CompositionRuleCheck[] {
  const { rules, members } = input;
  const working = new Set<number>();
  let totalCents = 0;
  for (const share of apportionment.shares) {
    if (share.microHours > 0n) working.add(share.member);
    totalCents += share.amountCents;
  }
  const workingMembers = [...working].map((m) => members[m]);
  const checks: CompositionRuleCheck[] = [];
  const status = (met: boolean) => (met ? 'respectée' : 'non respectée');

  if (rules.minMembers !== undefined) {
    const actual = workingMembers.length;
    const met = actual >= rules.minMembers;
    checks.push({
      rule: 'minMembers',
      threshold: rules.minMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minMembers, 'membre', 'membres')} : ` +
        `${plural(actual, 'membre a', 'membres ont')} une part — ${status(met)}.`,
    });
  }

  const kinds = Object.entries(rules.minOfKind ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [kind, minimum] of kinds) {
    if (minimum === undefined) continue;
    const actual = workingMembers.filter((member) => member.kind === kind).length;
    const met = actual >= minimum;
    checks.push({
      rule: 'minOfKind',
      kind,
      threshold: minimum,
      actual,
      met,
      message:
        `Au moins ${plural(minimum, 'membre', 'membres')} ${kind} : ` +
        `${plural(actual, 'membre', 'membres')} ${kind} avec une part — ${status(met)}.`,
    });
  }

  if (rules.minSmallMembers !== undefined) {
    const below = rules.smallBelowEmployees;
    const actual = workingMembers.filter((member) => member.employees < below).length;
    const met = actual >= rules.minSmallMembers;
    checks.push({
      rule: 'minSmallMembers',
      threshold: rules.minSmallMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minSmallMembers, 'membre', 'membres')} de moins de ` +
        `${formatCount(below)} salariés : ${plural(actual, 'membre', 'membres')} avec une part — ` +
        `${status(met)}.`,
    });
  }

  if (rules.maxTotalCents !== undefined) {
    const met = totalCents <= rules.maxTotalCents;
    checks.push({
      rule: 'maxTotalCents',
      threshold: rules.maxTotalCents,
      actual: totalCents,
      met,
      message:
        `Au plus ${formatEuros(rules.maxTotalCents)} HT pour le groupement : ` +
        `${formatEuros(totalCents)} HT répartis entre les membres — ${status(met)}.`,
    });
  }
  return checks;
}

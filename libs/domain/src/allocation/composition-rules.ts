import type { AllocationInput } from './allocation-input';
import type { CompositionRuleCheck } from './allocation-result';
import type { Apportionment } from './apportionment';
import { formatCount, formatEuros } from './french-format';
import type { ScenarioRules } from '../scenario';
import { at } from '../invariants';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/** What the head-count rules look at in an organisation. */
export interface CountedMember {
  readonly kind: string;
  readonly employees: number;
}

/** The rules that count members (the maximum amount concerns the split). */
export type HeadcountRules = Pick<
  ScenarioRules,
  'minMembers' | 'minOfKind' | 'minSmallMembers' | 'smallBelowEmployees'
>;

/** "3 membres EI ont <what>": how a count reads, for the rules' sentences. */
export function countedAs(what: string): (count: number, kind?: string) => string {
  return (count, kind) => {
    const noun = kind === undefined ? 'membre' : `membre ${kind}`;
    const nouns = kind === undefined ? 'membres' : `membres ${kind}`;
    return `${plural(count, `${noun} a`, `${nouns} ont`)} ${what}`;
  };
}

/**
 * The head-count rules (minimum members, of a kind, of small members) on the members counted,
 * each met or unmet with a sentence a coordinator reads; `counted` says what was counted.
 */
export function headcountRuleChecks(
  members: readonly CountedMember[],
  rules: HeadcountRules,
  counted: (count: number, kind?: string) => string,
): CompositionRuleCheck[] {
  const checks: CompositionRuleCheck[] = [];
  const status = (met: boolean) => (met ? 'respectée' : 'non respectée');

  if (rules.minMembers !== undefined) {
    const actual = members.length;
    const met = actual >= rules.minMembers;
    checks.push({
      rule: 'minMembers',
      threshold: rules.minMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minMembers, 'membre', 'membres')} : ` +
        `${counted(actual)} — ${status(met)}.`,
    });
  }

  const kinds = Object.entries(rules.minOfKind ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [kind, minimum] of kinds) {
    if (minimum === undefined) continue;
    const actual = members.filter((member) => member.kind === kind).length;
    const met = actual >= minimum;
    checks.push({
      rule: 'minOfKind',
      kind,
      threshold: minimum,
      actual,
      met,
      message:
        `Au moins ${plural(minimum, 'membre', 'membres')} ${kind} : ` +
        `${counted(actual, kind)} — ${status(met)}.`,
    });
  }

  if (rules.minSmallMembers !== undefined) {
    const below = rules.smallBelowEmployees;
    const actual = members.filter((member) => member.employees < below).length;
    const met = actual >= rules.minSmallMembers;
    checks.push({
      rule: 'minSmallMembers',
      threshold: rules.minSmallMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minSmallMembers, 'membre', 'membres')} de moins de ` +
        `${formatCount(below)} salariés : ${counted(actual)} — ${status(met)}.`,
    });
  }
  return checks;
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
  const checks = headcountRuleChecks(
    [...working].map((m) => at(members, m)),
    rules,
    countedAs('une part'),
  );
  if (rules.maxTotalCents !== undefined) {
    const met = totalCents <= rules.maxTotalCents;
    checks.push({
      rule: 'maxTotalCents',
      threshold: rules.maxTotalCents,
      actual: totalCents,
      met,
      message:
        `Au plus ${formatEuros(rules.maxTotalCents)} HT pour le groupement : ` +
        `${formatEuros(totalCents)} HT répartis entre les membres — ${met ? 'respectée' : 'non respectée'}.`,
    });
  }
  return checks;
}

import type { AllocationInput } from './allocation-input';
import type { CompositionRuleCheck } from './allocation-result';
import type { Apportionment } from './apportionment';
import { formatCount, formatEuros } from './french-format';
import type { ScenarioRules } from '../scenario';
import { at } from '../invariants';
import { type CoverageLevel, coveredUnits } from '../territories';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/** What the head-count rules look at in an organisation. */
export interface CountedMember {
  readonly legalName: string;
  readonly kind: string;
  /** Null when the network has not entered it: such a member is not counted as small. */
  readonly employees: number | null;
}

/** The rules that count members (the maximum amount concerns the split). */
export type HeadcountRules = Pick<
  ScenarioRules,
  'minMembers' | 'maxMembers' | 'minOfKind' | 'minSmallMembers' | 'smallBelowEmployees'
>;

/** The territorial-coverage rule (at least N départements, provinces or regions). */
export type CoverageRules = Pick<ScenarioRules, 'minCoverage'>;

/** "3 membres EI ont <what>": how a count reads, for the rules' sentences. */
export function countedAs(what: string): (count: number, kind?: string) => string {
  return (count, kind) => {
    const noun = kind === undefined ? 'membre' : `membre ${kind}`;
    const nouns = kind === undefined ? 'membres' : `membres ${kind}`;
    return `${plural(count, `${noun} a`, `${nouns} ont`)} ${what}`;
  };
}

function status(met: boolean): string {
  return met ? 'respectée' : 'non respectée';
}

const LEVEL_WORDS: Record<CoverageLevel, { one: string; many: string; covered: [string, string] }> =
  {
    DEPARTEMENT: { one: 'département', many: 'départements', covered: ['couvert', 'couverts'] },
    PROVINCE: { one: 'province', many: 'provinces', covered: ['couverte', 'couvertes'] },
    REGION: { one: 'région', many: 'régions', covered: ['couverte', 'couvertes'] },
  };

/**
 * The territorial-coverage rule on the territories the members work on (`workedOn`: the codes of
 * their offers' territories, a site replaced by its parent; `by` says whose work: « par les
 * offres des membres »), met when they lie in at least the rule's number of départements,
 * provinces or regions (`coverageUnitOf` says which territory lies where). The check names the
 * units covered; none when the rule is not set.
 */
export function coverageRuleChecks(
  workedOn: Iterable<string>,
  rules: CoverageRules,
  by: string,
): CompositionRuleCheck[] {
  const rule = rules.minCoverage;
  if (rule === undefined) return [];
  const units = coveredUnits(workedOn, rule.level);
  const words = LEVEL_WORDS[rule.level];
  const actual = units.length;
  const met = actual >= rule.count;
  const counted =
    actual === 0
      ? `aucun${rule.level === 'DEPARTEMENT' ? '' : 'e'} ${words.one} ${words.covered[0]} ${by}`
      : `${plural(actual, words.one, words.many)} ${words.covered[actual > 1 ? 1 : 0]} ${by} ` +
        `(${units.map((unit) => unit.name).join(', ')})`;
  return [
    {
      rule: 'minCoverage',
      level: rule.level,
      covered: units.map((unit) => unit.name),
      threshold: rule.count,
      actual,
      met,
      message:
        `Au moins ${plural(rule.count, words.one, words.many)} ` +
        `${words.covered[rule.count > 1 ? 1 : 0]} : ${counted} — ${status(met)}.`,
    },
  ];
}

/**
 * The head-count rules (minimum and maximum members, of a kind, of small members) on the members counted,
 * each met or unmet with a sentence a coordinator reads; `counted` says what was counted.
 */
export function headcountRuleChecks(
  members: readonly CountedMember[],
  rules: HeadcountRules,
  counted: (count: number, kind?: string) => string,
): CompositionRuleCheck[] {
  const checks: CompositionRuleCheck[] = [];

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

  if (rules.maxMembers !== undefined) {
    const actual = members.length;
    const met = actual <= rules.maxMembers;
    checks.push({
      rule: 'maxMembers',
      threshold: rules.maxMembers,
      actual,
      met,
      message:
        `Au plus ${plural(rules.maxMembers, 'membre', 'membres')} : ` +
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
    const actual = members.filter(
      (member) => member.employees !== null && member.employees < below,
    ).length;
    const unknown = members
      .filter((member) => member.employees === null)
      .map((member) => member.legalName)
      .sort((a, b) => a.localeCompare(b, 'fr'));
    const met = actual >= rules.minSmallMembers;
    checks.push({
      rule: 'minSmallMembers',
      threshold: rules.minSmallMembers,
      actual,
      met,
      message:
        `Au moins ${plural(rules.minSmallMembers, 'membre', 'membres')} de moins de ` +
        `${formatCount(below)} salariés : ${counted(actual)} — ${status(met)}.` +
        (unknown.length > 0
          ? ` Effectif non renseigné, donc non compté : ${unknown.join(', ')}.`
          : ''),
    });
  }
  return checks;
}

/**
 * The tender's composition rules (minimum and maximum members, of a kind, of small members;
 * territorial coverage; maximum amount), each reported as met or unmet, never enforced by changing
 * the split. A member counts when the allocation gives it hours; a territory is covered when the
 * allocation gives a member hours on it (a site counts as its parent); the amount is what the
 * members receive together.
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
  const workedOn = new Set<string>();
  input.offers.forEach((offer, i) => {
    if ((apportionment.offerMicroHours[i] ?? 0n) <= 0n) return;
    const cell = at(input.cells, offer.cell);
    workedOn.add(cell.parent ?? cell.territory);
  });
  checks.push(...coverageRuleChecks(workedOn, rules, 'par les heures réparties'));
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

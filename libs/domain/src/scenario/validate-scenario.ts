import { z } from 'zod';
import type { Problem } from '../errors';
import { normalizeIdentifier } from '../identifiers';
import { isSelfDeclaredLevel, parseTerritoryCode } from '../territories';
import { NUL_CHARACTER_MESSAGE, nulCharacterPaths } from '../texts';
import { type Scenario, scenarioSchema } from './scenario.schema';

export type ScenarioValidation =
  | { ok: true; scenario: Scenario; problems: [] }
  | { ok: false; scenario?: undefined; problems: Problem[] };

/** `['tender', 'lots', 0, 'cells', 1]` -> `tender.lots[0].cells[1]` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '$';
}

const zodFrench = z.locales.fr().localeError;
/** zod's French, except where it names the software's idea (« Clé non reconnue ») for a field. */
const frenchErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'unrecognized_keys') return zodFrench(issue);
  const names = issue.keys.map((key) => `« ${key} »`).join(', ');
  return issue.keys.length > 1
    ? `champs inconnus ${names} : retirez-les ou corrigez leur nom`
    : `champ inconnu ${names} : retirez-le ou corrigez son nom`;
};

/** Sections in the order a scenario file lists them, so that problems read top to bottom. */
const SECTIONS = [
  'format',
  'tender',
  'consortium',
  'organizations',
  'offers',
  'limits',
  'subcontracts',
  'policy',
];

function pathSegments(path: string): (string | number)[] {
  // Without an index, the whole match is the key.
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] !== undefined ? Number(match[2]) : match[0],
  );
}

/** Orders problems as the file reads: by section, then by index and key within it. */
export function compareProblemPaths(a: string, b: string): number {
  const left = pathSegments(a);
  const right = pathSegments(b);
  const section = (segment: string | number | undefined) => {
    const index = SECTIONS.indexOf(String(segment));
    return index < 0 ? SECTIONS.length : index;
  };
  const bySection = section(left[0]) - section(right[0]);
  if (bySection !== 0) return bySection;
  for (let i = 1; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Shape and per-item checks run first; the rules between items run too whenever the shape is
 * right (the only problems so far being per-item ones), so that one answer lists everything.
 */
const scenarioValidator = scenarioSchema.superRefine(
  (scenario, ctx) => {
    for (const problem of crossFieldProblems(scenario)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: problem.message,
        params: { problemCode: problem.code, path: problem.path },
      });
    }
  },
  { when: (payload) => payload.issues.every((issue) => issue.code === 'custom') },
);

function toProblem(issue: z.core.$ZodIssue): Problem {
  const params =
    issue.code === 'custom'
      ? (issue.params as { problemCode?: string; path?: string } | undefined)
      : undefined;
  return {
    path: params?.path ?? formatPath(issue.path),
    code: params?.problemCode ?? `SCHEMA_${issue.code.toUpperCase()}`,
    message: issue.message,
  };
}

/**
 * Validates a scenario file and lists every problem with its JSON path, in file order. Territory
 * existence in the official geography is checked separately (it needs the seeded list, see
 * `territoryExistenceProblems`).
 */
export function validateScenario(input: unknown): ScenarioValidation {
  const parsed = scenarioValidator.safeParse(input, { error: frenchErrors });
  // A workbook's `_x0000_` becomes a NUL too: refused here, it never reaches the database.
  const nul = nulCharacterPaths(input).map((path) => ({
    path: formatPath(path),
    code: 'NUL_CHARACTER',
    message: NUL_CHARACTER_MESSAGE,
  }));
  if (parsed.success && nul.length === 0) return { ok: true, scenario: parsed.data, problems: [] };
  const problems = [...(parsed.success ? [] : parsed.error.issues.map(toProblem)), ...nul];
  problems.sort((a, b) => compareProblemPaths(a.path, b.path));
  return { ok: false, problems };
}

function crossFieldProblems(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, code: string, message: string) =>
    problems.push({ path, code, message });

  const { tender, consortium, organizations, offers, limits, subcontracts } = scenario;

  // Lots and their cells: territory -> cell, per lot number.
  const cellsByLot = new Map<number, Set<string>>();
  tender.lots.forEach((lot, lotIndex) => {
    const lotPath = `tender.lots[${lotIndex}]`;
    if (cellsByLot.has(lot.number)) {
      report(`${lotPath}.number`, 'DUPLICATE_KEY', `le lot ${lot.number} est déclaré deux fois`);
      return;
    }
    const territories = new Set<string>();
    cellsByLot.set(lot.number, territories);
    lot.cells.forEach((cell, cellIndex) => {
      const cellPath = `${lotPath}.cells[${cellIndex}]`;
      if (territories.has(cell.territory)) {
        report(
          `${cellPath}.territory`,
          'DUPLICATE_KEY',
          `le territoire ${cell.territory} figure deux fois dans le lot ${lot.number}`,
        );
      }
      territories.add(cell.territory);
    });
  });

  // Organisations: unique keys and identifiers.
  const organisationKeys = new Set<string>();
  const identifiers = new Map<string, string>();
  organizations.forEach((organisation, index) => {
    const path = `organizations[${index}]`;
    if (organisationKeys.has(organisation.key)) {
      report(`${path}.key`, 'DUPLICATE_KEY', `la clé ${organisation.key} est déjà utilisée`);
    }
    organisationKeys.add(organisation.key);
    const identifier = `${organisation.idScheme}:${normalizeIdentifier(organisation.id)}`;
    const sameIdentifier = identifiers.get(identifier);
    if (sameIdentifier !== undefined) {
      report(
        `${path}.id`,
        'DUPLICATE_KEY',
        `${organisation.idScheme} ${organisation.id} est déjà celui de ${sameIdentifier}`,
      );
    } else identifiers.set(identifier, organisation.key);
  });

  const unknownOrganisation = (path: string, key: string) =>
    report(path, 'UNKNOWN_REFERENCE', `organisation inconnue ${key}`);
  if (!organisationKeys.has(consortium.mandataire)) {
    unknownOrganisation('consortium.mandataire', consortium.mandataire);
  }

  // Offers: known organisation and lot, a territory of that lot, once per cell.
  const offered = new Set<string>();
  offers.forEach((offer, index) => {
    const path = `offers[${index}]`;
    if (!organisationKeys.has(offer.org)) unknownOrganisation(`${path}.org`, offer.org);
    const lotTerritories = cellsByLot.get(offer.lot);
    if (!lotTerritories) {
      report(`${path}.lot`, 'UNKNOWN_REFERENCE', `lot inconnu ${offer.lot}`);
      return;
    }
    if (!lotTerritories.has(offer.territory)) {
      report(
        `${path}.territory`,
        'TERRITORY_OUTSIDE_LOT',
        `le territoire ${offer.territory} n’est pas une cellule du lot ${offer.lot}`,
      );
      return;
    }
    const cellKey = `${offer.org}\u0000${offer.lot}\u0000${offer.territory}`;
    if (offered.has(cellKey)) {
      report(
        path,
        'DUPLICATE_KEY',
        `${offer.org} fait déjà une offre sur ${offer.territory} au lot ${offer.lot}`,
      );
    }
    offered.add(cellKey);
  });

  const limited = new Set<string>();
  limits.forEach((limit, index) => {
    const path = `limits[${index}]`;
    if (!organisationKeys.has(limit.org)) unknownOrganisation(`${path}.org`, limit.org);
    if (limited.has(limit.org)) {
      report(`${path}.org`, 'DUPLICATE_KEY', `${limit.org} a déjà ses limites`);
    }
    limited.add(limit.org);
  });

  subcontracts.forEach((subcontract, index) => {
    const path = `subcontracts[${index}]`;
    if (!organisationKeys.has(subcontract.principal)) {
      unknownOrganisation(`${path}.principal`, subcontract.principal);
    }
    if (!organisationKeys.has(subcontract.subcontractor)) {
      unknownOrganisation(`${path}.subcontractor`, subcontract.subcontractor);
    }
    if (subcontract.principal === subcontract.subcontractor) {
      report(
        `${path}.subcontractor`,
        'SELF_SUBCONTRACT',
        'un membre ne se sous-traite pas à lui-même',
      );
    }
    if (!cellsByLot.has(subcontract.lot)) {
      report(`${path}.lot`, 'UNKNOWN_REFERENCE', `lot inconnu ${subcontract.lot}`);
    }
  });

  const { minMembers, maxMembers } = consortium.rules;
  if (minMembers !== undefined && maxMembers !== undefined && maxMembers < minMembers) {
    report(
      'consortium.rules.maxMembers',
      'CONTRADICTORY_RULES',
      `au plus ${maxMembers} membres alors qu’il en faut au moins ${minMembers}`,
    );
  }

  return problems;
}

/** Every territory code of the official geography that the scenario names, with its paths. */
export function seededTerritoryReferences(scenario: Scenario): Map<string, string[]> {
  const references = new Map<string, string[]>();
  const add = (code: string | undefined, path: string) => {
    if (code === undefined) return;
    const parsed = parseTerritoryCode(code);
    if (!parsed.ok || isSelfDeclaredLevel(parsed.value.level)) return;
    const paths = references.get(code);
    if (paths) paths.push(path);
    else references.set(code, [path]);
  };
  scenario.tender.lots.forEach((lot, lotIndex) =>
    lot.cells.forEach((cell, cellIndex) => {
      const path = `tender.lots[${lotIndex}].cells[${cellIndex}]`;
      add(cell.territory, `${path}.territory`);
      add(cell.parent, `${path}.parent`);
    }),
  );
  scenario.organizations.forEach((organisation, index) =>
    add(organisation.home, `organizations[${index}].home`),
  );
  return references;
}

/** Problems for the seeded codes that the official list does not hold. */
export function territoryExistenceProblems(
  references: ReadonlyMap<string, readonly string[]>,
  existing: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  for (const [code, paths] of references) {
    if (existing.has(code)) continue;
    for (const path of paths) {
      problems.push({ path, code: 'UNKNOWN_TERRITORY', message: `territoire inconnu ${code}` });
    }
  }
  return problems;
}

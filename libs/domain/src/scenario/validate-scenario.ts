import { z } from 'zod';
import type { Problem } from '../errors';
import { identifierProblem } from '../identifiers';
import { isSelfDeclaredLevel, parseTerritoryCode } from '../territories';
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

const frenchErrors = z.locales.fr().localeError;

/**
 * Validates a scenario file: its shape first, then every rule between its fields. Every problem is
 * listed with its JSON path; territory existence in the official geography is checked separately
 * (it needs the seeded list, see `territoryExistenceProblems`).
 */
export function validateScenario(input: unknown): ScenarioValidation {
  const parsed = scenarioSchema.safeParse(input, { error: frenchErrors });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        code: `SCHEMA_${issue.code.toUpperCase()}`,
        message: issue.message,
      })),
    };
  }
  const problems = crossFieldProblems(parsed.data);
  return problems.length === 0
    ? { ok: true, scenario: parsed.data, problems: [] }
    : { ok: false, problems };
}

function crossFieldProblems(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, code: string, message: string) =>
    problems.push({ path, code, message });

  const { tender, consortium, organizations, offers, limits, subcontracts } = scenario;

  const buyerIdProblem = identifierProblem(tender.buyer.idScheme, tender.buyer.id);
  if (buyerIdProblem) report('tender.buyer.id', 'INVALID_IDENTIFIER', buyerIdProblem);

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
      const code = parseTerritoryCode(cell.territory);
      if (!code.ok) {
        report(`${cellPath}.territory`, 'INVALID_TERRITORY_CODE', code.reason);
      } else if (code.value.level === 'SITE') {
        if (!cell.parent) {
          report(
            `${cellPath}.parent`,
            'MISSING_SITE_PARENT',
            `le site ${cell.territory} doit indiquer son territoire parent`,
          );
        } else {
          const parent = parseTerritoryCode(cell.parent);
          if (!parent.ok) report(`${cellPath}.parent`, 'INVALID_TERRITORY_CODE', parent.reason);
          else if (parent.value.level === 'SITE') {
            report(
              `${cellPath}.parent`,
              'INVALID_SITE_PARENT',
              'le parent d’un site est une commune, un EPT, un EPCI, un département, une région ou un code belge',
            );
          }
        }
      } else if (cell.parent !== undefined) {
        report(
          `${cellPath}.parent`,
          'UNEXPECTED_PARENT',
          'seul un site (SITE:) indique un territoire parent',
        );
      }
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

  // Organisations: unique keys and identifiers, valid check digits and home territory.
  const organisationKeys = new Set<string>();
  const identifiers = new Map<string, string>();
  organizations.forEach((organisation, index) => {
    const path = `organizations[${index}]`;
    if (organisationKeys.has(organisation.key)) {
      report(`${path}.key`, 'DUPLICATE_KEY', `la clé ${organisation.key} est déjà utilisée`);
    }
    organisationKeys.add(organisation.key);
    const idProblem = identifierProblem(organisation.idScheme, organisation.id);
    if (idProblem) report(`${path}.id`, 'INVALID_IDENTIFIER', idProblem);
    const identifier = `${organisation.idScheme}:${organisation.id.replace(/[\s.-]/g, '')}`;
    const sameIdentifier = identifiers.get(identifier);
    if (sameIdentifier !== undefined) {
      report(
        `${path}.id`,
        'DUPLICATE_KEY',
        `${organisation.idScheme} ${organisation.id} est déjà celui de ${sameIdentifier}`,
      );
    } else identifiers.set(identifier, organisation.key);
    const home = parseTerritoryCode(organisation.home);
    if (!home.ok) report(`${path}.home`, 'INVALID_TERRITORY_CODE', home.reason);
    else if (home.value.level === 'SITE') {
      report(
        `${path}.home`,
        'INVALID_TERRITORY_CODE',
        'le siège n’est pas un site de la consultation',
      );
    }
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

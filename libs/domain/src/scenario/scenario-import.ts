import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { normalizeIdentifier } from '../identifiers';
import type { Scenario } from './scenario.schema';
import type {
  ImportedBid,
  SaveScenarioOptions,
  ScenarioStore,
  TenderRef,
  TerritoryDirectory,
} from './scenario-ports';
import {
  seededTerritoryReferences,
  territoryExistenceProblems,
  validateScenario,
} from './validate-scenario';

/** A response listing 400,000 problems helps no one: the first ones locate the mistake. */
export const MAX_REPORTED_PROBLEMS = 1000;

export function tenderRefOf(scenario: Scenario): TenderRef {
  return {
    buyerIdScheme: scenario.tender.buyer.idScheme,
    buyerId: normalizeIdentifier(scenario.tender.buyer.id),
    reference: scenario.tender.reference,
  };
}

export function invalidScenarioError(problems: readonly Problem[]): DomainError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length - shown.length;
  return new DomainError(
    DomainErrorCode.INVALID_SCENARIO,
    `Le fichier de scénario contient ${problems.length} erreur${problems.length > 1 ? 's' : ''}` +
      (more > 0 ? ` (les ${shown.length} premières sont listées)` : '') +
      ' ; rien n’a été importé.',
    shown,
    { problemCount: problems.length },
  );
}

export function duplicateTenderError(tender: TenderRef, bidId: string): DomainError {
  return new DomainError(
    DomainErrorCode.DUPLICATE_TENDER,
    `La consultation ${tender.reference} de l’acheteur ${tender.buyerIdScheme} ${tender.buyerId} ` +
      'a déjà été importée ; rien n’a été importé.',
    [{ path: 'tender.reference', code: 'DUPLICATE_TENDER', message: 'consultation déjà importée' }],
    { bidId },
  );
}

/**
 * The import use case: a scenario file becomes a bid with its tender, lots, members and offers,
 * entirely or not at all.
 */
export class ScenarioImport {
  constructor(
    private readonly territories: TerritoryDirectory,
    private readonly store: ScenarioStore,
  ) {}

  /** Every check that can be made before writing; throws a DomainError listing the problems. */
  async check(input: unknown): Promise<Scenario> {
    const validation = validateScenario(input);
    if (!validation.ok) throw invalidScenarioError(validation.problems);
    const { scenario } = validation;

    const references = seededTerritoryReferences(scenario);
    const existing = await this.territories.findExisting([...references.keys()]);
    const problems = territoryExistenceProblems(references, existing);
    if (problems.length > 0) throw invalidScenarioError(problems);

    const tender = tenderRefOf(scenario);
    const previous = await this.store.findBidByTender(tender);
    if (previous) throw duplicateTenderError(tender, previous.bidId);
    return scenario;
  }

  async run(input: unknown, options: SaveScenarioOptions): Promise<ImportedBid> {
    await options.onProgress?.(0, 'validating');
    const scenario = await this.check(input);
    const saved = await this.store.save(scenario, options);
    // Imported meanwhile (after `check`): the store wrote nothing, the rule refuses it here.
    if ('duplicateOf' in saved)
      throw duplicateTenderError(tenderRefOf(scenario), saved.duplicateOf.bidId);
    return saved;
  }
}

/** An organisation that only appears as someone's subcontractor is not a co-contractor. */
export function memberRoles(scenario: Scenario): Map<string, 'COTRAITANT' | 'SOUS_TRAITANT'> {
  const acting = new Set<string>([scenario.consortium.mandataire]);
  for (const offer of scenario.offers) acting.add(offer.org);
  for (const subcontract of scenario.subcontracts) acting.add(subcontract.principal);
  const subcontractors = new Set(scenario.subcontracts.map((s) => s.subcontractor));
  return new Map(
    scenario.organizations.map((o) => [
      o.key,
      subcontractors.has(o.key) && !acting.has(o.key) ? 'SOUS_TRAITANT' : 'COTRAITANT',
    ]),
  );
}

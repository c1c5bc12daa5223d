import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { normalizeIdentifier } from '../identifiers';
import { sameTenderRefusal } from './same-tender';
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

/**
 * The import use case: a scenario file becomes a bid with its tender, lots, members and offers,
 * entirely or not at all.
 */
export class ScenarioImport {
  constructor(
    private readonly territories: TerritoryDirectory,
    private readonly store: ScenarioStore,
  ) {}

  /**
   * Every check that can be made before writing, for the network that imports it; throws a
   * DomainError listing the problems. With `lock` (inside the writing transaction), the check of
   * the other consortia of the tender holds until the end of that transaction.
   */
  async check(input: unknown, networkId: string, options?: { lock: boolean }): Promise<Scenario> {
    const validation = validateScenario(input);
    if (!validation.ok) throw invalidScenarioError(validation.problems);
    const { scenario } = validation;

    const references = seededTerritoryReferences(scenario);
    const existing = await this.territories.findExisting([...references.keys()]);
    const problems = territoryExistenceProblems(references, existing);
    if (problems.length > 0) throw invalidScenarioError(problems);

    const others = await this.store.consortiaOfTender(tenderRefOf(scenario), networkId, options);
    const refusal = sameTenderRefusal(scenario, others);
    if (refusal) throw refusal;
    return scenario;
  }

  /** Checks again, the tender locked for this network, then writes: inside a unit of work. */
  async run(input: unknown, options: SaveScenarioOptions): Promise<ImportedBid> {
    await options.onProgress?.(0, 'validating');
    const scenario = await this.check(input, options.networkId, { lock: true });
    return this.store.save(scenario, options);
  }
}

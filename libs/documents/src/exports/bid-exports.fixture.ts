import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AllocationEngine,
  type BidDocumentModel,
  DEFAULT_CONVENTION_SETTINGS,
  type Scenario,
  buildBidDocumentModel,
  validateScenario,
} from '@cordage/domain';
import { HighsLinearSolver } from '@cordage/solver';

/** The example bid of the demo, as its JSON file says it. */
export function exampleScenarioJson(): unknown {
  const file = path.join(__dirname, '../../../../examples/colleges-93.json');
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

export function exampleScenario(): Scenario {
  const validation = validateScenario(exampleScenarioJson());
  if (!validation.ok) throw new Error('the example scenario no longer validates');
  return validation.scenario;
}

let model: Promise<BidDocumentModel> | undefined;

/** The example bid allocated once per test file: the solver takes a moment. */
export function exampleBidModel(): Promise<BidDocumentModel> {
  model ??= (async () => {
    const json = exampleScenarioJson();
    const { result } = await new AllocationEngine(new HighsLinearSolver()).run(json);
    return buildBidDocumentModel({
      scenario: exampleScenario(),
      result,
      version: { number: 1, computedAt: '2026-11-26T10:00:00.000Z' },
      settings: DEFAULT_CONVENTION_SETTINGS,
      territoryName: () => undefined,
    });
  })();
  return model;
}

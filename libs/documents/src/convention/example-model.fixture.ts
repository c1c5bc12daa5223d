import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AllocationEngine,
  type BidDocumentModel,
  type ConventionSettings,
  DEFAULT_CONVENTION_SETTINGS,
  type Scenario,
  buildBidDocumentModel,
} from '@cordage/domain';
import { officialTerritories } from '@cordage/persistence';
import { HighsLinearSolver } from '@cordage/solver';

/** The example bid of the demo, allocated for real: the model the tests render. */
export const EXAMPLE_PATH = path.resolve(__dirname, '../../../../examples/colleges-93.json');

let names: Map<string, string> | undefined;
const territoryName = (code: string) => {
  names ??= new Map(officialTerritories().map((territory) => [territory.code, territory.name]));
  return names.get(code);
};

export function exampleScenario(): Scenario {
  return JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Scenario;
}

/** "0123456749"-like BCE numbers that pass the check: the last two digits are 97 - (body mod 97). */
export function validBce(body: string): string {
  return body + String(97 - (Number(body) % 97)).padStart(2, '0');
}

export async function modelOf(
  scenario: Scenario,
  settings: Partial<ConventionSettings> = {},
): Promise<BidDocumentModel> {
  const { result } = await new AllocationEngine(new HighsLinearSolver()).run(scenario);
  return buildBidDocumentModel({
    scenario,
    result,
    version: { number: 3, computedAt: '2026-11-20T09:30:00.000Z' },
    settings: { ...DEFAULT_CONVENTION_SETTINGS, ...settings },
    territoryName,
  });
}

// Test fixture (excluded from the build): the example bid shipped with the repository, a copy of
// shared/scenarios/colleges-93.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from './scenario.schema';

const EXAMPLE_PATH = path.join(__dirname, '../../../../examples/colleges-93.json');

export const example = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Scenario;

/** A deep copy of the example, changed by `change`: the original is never touched. */
export function mutated(change: (scenario: Scenario) => void): Scenario {
  const copy = structuredClone(example);
  change(copy);
  return copy;
}

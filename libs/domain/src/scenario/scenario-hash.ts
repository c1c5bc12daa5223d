import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit';
import type { Scenario } from './scenario.schema';

/** The fingerprint of an allocation's input: the same bid data gives the same hash. */
export function scenarioHash(scenario: Scenario): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

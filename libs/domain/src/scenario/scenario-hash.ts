import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit';
import type { Scenario } from './scenario.schema';

/**
 * The fingerprint of an allocation's input: the same bid data gives the same hash. An
 * organisation's particulars (legal form, address, approval) are left out: the documents print
 * them but the allocation never reads them, so completing them does not make a version stale.
 */
export function scenarioHash(scenario: Scenario): string {
  const allocated: Scenario = {
    ...scenario,
    organizations: scenario.organizations.map(
      ({ particulars: _printedOnly, ...organisation }) => organisation,
    ),
  };
  return createHash('sha256').update(canonicalJson(allocated)).digest('hex');
}

import { DomainError, DomainErrorCode } from '../errors';
import { type Scenario, scenarioHash } from '../scenario';

/**
 * A version is only worked on (changed by hand, turned into documents) while the bid's data are
 * still those it was computed on: otherwise the result would describe another bid.
 */
export function assertVersionCurrent(
  scenario: Scenario | null,
  version: { number: number; inputHash: string },
): asserts scenario is Scenario {
  if (scenario && scenarioHash(scenario) === version.inputHash) return;
  throw new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `Les données de la candidature ont changé depuis la version ${version.number} : ` +
      'recalculez la répartition.',
    [{ path: 'version', code: 'STALE_VERSION', message: 'version calculée sur d’autres données' }],
  );
}

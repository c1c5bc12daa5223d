import type { AllocationResult } from '@cordage/domain';
import type { AllocationVersionEntity, AllocationVersionSummary } from '@cordage/persistence';

export function toVersionSummaryDto(version: AllocationVersionSummary) {
  return { ...version, createdAt: version.createdAt.toISOString() };
}

export function toVersionDto({
  version,
  basedOn,
  result,
}: {
  version: AllocationVersionEntity;
  basedOn: number | null;
  /** The version's result as the reader may read it. */
  result: AllocationResult;
}) {
  return {
    number: version.number,
    kind: version.kind,
    basedOn,
    createdAt: version.createdAt.toISOString(),
    override: version.override,
    result: {
      ...result,
      lines: [...result.lines],
      members: [...result.members],
      uncovered: [...result.uncovered],
      rules: [...result.rules],
      warnings: [...result.warnings],
    },
  };
}

import type { AllocationVersionEntity, AllocationVersionSummary } from '@cordage/persistence';

export function toVersionSummaryDto(version: AllocationVersionSummary) {
  return { ...version, createdAt: version.createdAt.toISOString() };
}

export function toVersionDto({
  version,
  basedOn,
}: {
  version: AllocationVersionEntity;
  basedOn: number | null;
}) {
  return {
    number: version.number,
    kind: version.kind,
    basedOn,
    createdAt: version.createdAt.toISOString(),
    override: version.override,
    result: {
      ...version.result,
      lines: [...version.result.lines],
      members: [...version.result.members],
      uncovered: [...version.result.uncovered],
      rules: [...version.result.rules],
      warnings: [...version.result.warnings],
    },
  };
}

import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { AllocationVersionSummaryDto } from '../api/schema';
import { DataTable, numeric } from '../ui/DataTable';
import { formatDateTime, formatHours } from '../ui/format';
import { atLeastPercent } from './wording';

/** Every version, the latest first; one is shown below, another may be picked. */
export function VersionsList({
  versions,
  shown,
  voted,
  onShow,
}: {
  versions: AllocationVersionSummaryDto[];
  shown: number | null;
  /** The version submitted to the members' vote, if any. */
  voted: number | null;
  onShow: (number: number) => void;
}) {
  return (
    <DataTable
      minWidth={680}
      scrollRegionLabel="Versions de la répartition, à faire défiler horizontalement"
      striped
      highlightOnHover
      aria-label="Versions de la répartition"
      columns={[
        'Version',
        'Origine',
        'Date',
        numeric('Non couvert (calcul)'),
        numeric('Part minimale de l’offre (calcul)'),
        { label: <VisuallyHidden>Action</VisuallyHidden> },
      ]}
    >
      {versions.map((version) => (
        <Table.Tr key={version.number} aria-current={version.number === shown || undefined}>
          <Table.Th scope="row">{version.number}</Table.Th>
          <Table.Td>
            {version.number === voted && (
              <Badge color="violet" variant="light" mb={4}>
                Soumise au vote
              </Badge>
            )}
            {version.outdatedBy !== null && (
              <Badge color="orange" variant="light" mb={4} display="block">
                Périmée par l’avis rectificatif n° {version.outdatedBy}
              </Badge>
            )}
            {version.kind === 'OVERRIDE' ? (
              <Text size="sm">
                Modifiée à la main
                {version.basedOn !== null && ` (d’après la version ${version.basedOn})`}
                {version.override && (
                  <Text span size="xs" c="dimmed" display="block">
                    par {version.override.author} : {version.override.reason}
                  </Text>
                )}
              </Text>
            ) : (
              <Text size="sm">Calculée</Text>
            )}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(version.createdAt)}</Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
            {version.kind === 'RUN' ? formatHours(version.optima.coverage) : '—'}
          </Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
            {version.kind === 'RUN' ? atLeastPercent(version.optima.fairness) : '—'}
          </Table.Td>
          <Table.Td>
            {version.number === shown ? (
              <Badge variant="outline">Affichée</Badge>
            ) : (
              <Button size="xs" variant="light" onClick={() => onShow(version.number)}>
                Afficher la version {version.number}
              </Button>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

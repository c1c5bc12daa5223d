import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Loading } from '../ui/Loading';
import { ORGANISATION_KIND, optionsOf } from '../ui/labels';
import { formatNumber } from '../ui/format';
import { DirectoryImport } from './DirectoryImport';
import { DirectoryOrganisationForm } from './DirectoryOrganisationForm';
import { type DirectoryFilters, SIZE_LABELS, useDirectory, useOverCommitments } from './queries';

const KIND_OPTIONS = optionsOf(ORGANISATION_KIND);
const SIZE_OPTIONS = optionsOf(SIZE_LABELS);

/** The network's directory: its organisations, searched and filtered, and its over-commitments. */
export function DirectoryPage() {
  const { networkId = '' } = useParams();
  const [filters, setFilters] = useState<DirectoryFilters>({});
  const directory = useDirectory(networkId, filters);
  const over = useOverCommitments(networkId);
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const set = (patch: DirectoryFilters) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <Stack maw={1100} mx="auto">
      <Title order={1}>Annuaire du réseau</Title>
      <Text c="gray.7">
        Les organisations du réseau, saisies une fois et reprises par chaque candidature. Ce que le
        réseau sait d’elles n’est visible que de ses coordinateurs.
      </Text>
      <Group>
        <Button
          variant={adding ? 'default' : 'filled'}
          aria-expanded={adding}
          onClick={() => setAdding((open) => !open)}
        >
          {adding ? 'Fermer sans ajouter' : 'Ajouter une structure'}
        </Button>
      </Group>
      {adding && (
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            Ajouter une structure
          </Title>
          <DirectoryOrganisationForm
            networkId={networkId}
            onDone={(saved) => void navigate(saved.organisationId)}
          />
        </Card>
      )}
      <DirectoryImport networkId={networkId} />
      {over.data && over.data.items.length > 0 && (
        <Alert color="orange" title="Engagements au-delà des limites déclarées">
          <List size="sm">
            {over.data.items.map((item) => (
              <List.Item key={item.organisationId}>
                <Anchor component={Link} to={item.organisationId}>
                  {item.legalName}
                </Anchor>{' '}
                : {item.assessment.overages.map((overage) => overage.message).join(' ; ')}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group align="end" wrap="wrap">
        <TextInput
          label="Rechercher"
          description="Raison sociale ou identifiant"
          value={filters.search ?? ''}
          onChange={(event) => set({ search: event.currentTarget.value })}
        />
        <Select
          label="Type de structure"
          placeholder="Tous"
          clearable
          data={KIND_OPTIONS}
          value={filters.kind ?? null}
          onChange={(value) => set({ kind: (value ?? undefined) as DirectoryFilters['kind'] })}
        />
        <TextInput
          label="Territoire"
          description="Code officiel : DEP:93, COM:93066…"
          value={filters.territory ?? ''}
          onChange={(event) => set({ territory: event.currentTarget.value.trim() || undefined })}
        />
        <Select
          label="Taille"
          placeholder="Toutes"
          clearable
          data={SIZE_OPTIONS}
          value={filters.size ?? null}
          onChange={(value) => set({ size: (value ?? undefined) as DirectoryFilters['size'] })}
        />
      </Group>
      {directory.isPending ? (
        <Loading />
      ) : directory.isError ? (
        <ErrorPanel error={directory.error} />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {directory.data.total} organisation{directory.data.total > 1 ? 's' : ''}
          </Text>
          <DataTable
            columns={['Organisation', 'Type', 'Identifiant', 'Territoires', numeric('Effectif')]}
            minWidth={720}
            scrollRegionLabel="Organisations du réseau"
          >
            {directory.data.items.map((organisation) => (
              <tr key={organisation.organisationId}>
                <td>
                  <Anchor component={Link} to={organisation.organisationId}>
                    {organisation.legalName}
                  </Anchor>
                </td>
                <td>
                  <Badge variant="light">{organisation.kind}</Badge>
                </td>
                <td>
                  {organisation.idScheme} {organisation.idValue}
                </td>
                <td>{organisation.territories.join(', ')}</td>
                <td style={{ textAlign: 'right' }}>
                  {organisation.staff === null ? '—' : formatNumber(organisation.staff)}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Loading } from '../ui/Loading';
import { ORGANISATION_KIND, statusOf } from '../ui/labels';
import { formatCents, formatHours } from '../ui/format';
import { DirectoryInvite } from './DirectoryInvite';
import { DirectoryOrganisationForm } from './DirectoryOrganisationForm';
import { MEASURE_LABELS, useDirectoryOrganisation } from './queries';

type Measure = keyof typeof MEASURE_LABELS;
const MEASURES = Object.keys(MEASURE_LABELS) as Measure[];

const figure = (measure: Measure, value: number | null) =>
  value === null ? '—' : measure === 'REVENUE' ? formatCents(value) : formatHours(value);

/** An organisation's page in the directory: what the network knows, its bids, its commitments. */
export function DirectoryOrganisationPage() {
  const { networkId = '', organisationId = '' } = useParams();
  const page = useDirectoryOrganisation(networkId, organisationId);
  const [editing, setEditing] = useState(false);
  if (page.isPending) return <Loading />;
  if (page.isError)
    return (
      <ErrorPanel error={page.error}>
        <Anchor component={Link} to={`/reseaux/${networkId}/annuaire`} display="block">
          Retour à l’annuaire
        </Anchor>
      </ErrorPanel>
    );
  const { organisation, bids, commitments } = page.data;
  const limitOf: Record<Measure, number | null> = {
    HOURS: organisation.limits.maxHours,
    REVENUE: organisation.limits.maxRevenueCents,
    INSERTION_HOURS: organisation.limits.maxInsertionHours,
  };

  return (
    <Stack maw={1100} mx="auto">
      <Anchor component={Link} to={`/reseaux/${networkId}/annuaire`}>
        ← Annuaire du réseau
      </Anchor>
      <Group justify="space-between" align="center">
        <Title order={1}>{organisation.legalName}</Title>
        <Button
          variant={editing ? 'default' : 'light'}
          aria-expanded={editing}
          onClick={() => setEditing((open) => !open)}
        >
          {editing ? 'Fermer sans enregistrer' : 'Modifier la fiche'}
        </Button>
      </Group>
      <Text>
        {ORGANISATION_KIND[organisation.kind] ?? organisation.kind} · {organisation.idScheme}{' '}
        {organisation.idValue}
      </Text>
      {editing && (
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            Modifier la fiche
          </Title>
          <DirectoryOrganisationForm
            networkId={networkId}
            entry={organisation}
            onDone={() => setEditing(false)}
          />
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">
            Fiche
          </Title>
          <Text size="sm">Adresse : {organisation.address ?? 'à compléter'}</Text>
          <Text size="sm">Effectif : {organisation.staff ?? 'à compléter'}</Text>
          <Text size="sm">
            Agrément : {organisation.approvalNumber ?? 'à compléter'}
            {organisation.approvalDate ? ` du ${organisation.approvalDate}` : ''}
          </Text>
          <Text size="sm">Territoires : {organisation.territories.join(', ') || '—'}</Text>
          <Text size="sm">
            Contact : {organisation.contactName ?? '—'} {organisation.contactEmail ?? ''}{' '}
            {organisation.contactPhone ?? ''}
          </Text>
          {organisation.representatives.map((representative) => (
            <Text size="sm" key={representative.email}>
              Représentant : {representative.name}, {representative.title} ({representative.email})
            </Text>
          ))}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            Engagements sur les candidatures ouvertes
          </Title>
          <DataTable
            columns={['', numeric('Déclaré'), numeric('Attribué'), numeric('Limite')]}
            aria-label="Engagements face aux limites"
          >
            {MEASURES.map((measure) => (
              <tr key={measure}>
                <th scope="row">{MEASURE_LABELS[measure]}</th>
                <td style={{ textAlign: 'right' }}>
                  {figure(measure, commitments.totals.DECLARED[measure])}
                </td>
                <td style={{ textAlign: 'right' }}>
                  {figure(measure, commitments.totals.ALLOCATED[measure])}
                </td>
                <td style={{ textAlign: 'right' }}>{figure(measure, limitOf[measure])}</td>
              </tr>
            ))}
          </DataTable>
          {commitments.overages.map((overage) => (
            <Text key={`${overage.basis}-${overage.measure}`} c="orange.9" size="sm" mt="xs">
              {overage.message}
            </Text>
          ))}
        </Card>
      </SimpleGrid>
      <DirectoryInvite
        networkId={networkId}
        organisation={organisation}
        alreadyIn={bids.map((bid) => bid.bidId)}
      />
      <Title order={2} size="h3">
        Candidatures du réseau
      </Title>
      {bids.length === 0 ? (
        <Text c="gray.7">Aucune candidature de ce réseau pour l’instant.</Text>
      ) : (
        <DataTable columns={['Consultation', 'Statut', 'Membre']} minWidth={600}>
          {bids.map((bid) => (
            <tr key={bid.bidId}>
              <td>
                <Anchor component={Link} to={`/candidatures/${bid.bidId}`}>
                  {bid.reference} — {bid.title}
                </Anchor>
              </td>
              <td>
                <Badge color={statusOf(bid.status).color} variant="light">
                  {statusOf(bid.status).label}
                </Badge>
              </td>
              <td>{statusOf(bid.memberStatus).label}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Figure } from '../ui/Figure';
import { formatCents, formatDate, formatDateTime, formatHours } from '../ui/format';
import { CompositionRules } from '../ui/CompositionRules';
import { CONSORTIUM_FORM } from '../ui/labels';
import { Loading } from '../ui/Loading';
import { RenewalSection } from '../renewal/RenewalSection';
import { TransitionPanel } from '../workflow/TransitionPanel';
import { NextSteps } from './NextSteps';
import { useBidContext, useNextSteps, useWorkflow } from './queries';

/** A bid at a glance: its figures, its deadlines, what to do now, and its lots. */
export function BidOverview() {
  const { bid, access } = useBidContext();
  const workflow = useWorkflow(bid.id);
  const steps = useNextSteps();
  const { totals } = bid;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Montant HT" value={formatCents(totals.amountCents)} />
        <Figure label="Lots" value={String(totals.lots)} />
        <Figure label="Membres" value={String(totals.members)} />
        <Figure
          label="Heures déclarées / demandées"
          value={`${formatHours(totals.offeredHours)} / ${formatHours(totals.demandHours)}`}
        />
      </SimpleGrid>

      {access.isCoordinator && <RenewalSection bidId={bid.id} status={bid.status} />}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            À faire sur cette candidature
          </Title>
          {steps.isPending ? (
            <Loading />
          ) : steps.isError ? (
            <ErrorPanel error={steps.error} />
          ) : (
            <NextSteps steps={steps.data.filter((step) => step.bidId === bid.id)} />
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Échéances
          </Title>
          {workflow.data && (
            <Stack gap={4}>
              <Text>
                Dépôt de la candidature : <b>{formatDateTime(workflow.data.applicationDeadline)}</b>
              </Text>
              <Text>
                Clôture de l’appel à capacités :{' '}
                <b>
                  {workflow.data.capacityDeadline
                    ? formatDateTime(workflow.data.capacityDeadline)
                    : 'fixée par le coordinateur'}
                </b>
              </Text>
              {workflow.data.reminderDays.length > 0 && (
                <Text size="sm" c="dimmed">
                  Rappels {workflow.data.reminderDays.join(' et ')} jours avant la clôture.
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {CONSORTIUM_FORM[bid.consortium.form]}, mandataire{' '}
                {bid.consortium.mandataire.legalName}.
              </Text>
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      {access.isCoordinator && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Faire avancer la candidature
          </Title>
          {workflow.isPending ? (
            <Loading />
          ) : workflow.isError ? (
            <ErrorPanel error={workflow.error} />
          ) : (
            <Stack gap="md">
              <TransitionPanel bidId={bid.id} workflow={workflow.data} />
              {workflow.data.composition.length > 0 && (
                <section aria-labelledby="composition-title">
                  <Title order={3} size="h5" id="composition-title" mb="xs">
                    Règles de composition, sur les membres qui ont rejoint et leurs offres
                  </Title>
                  <CompositionRules rules={workflow.data.composition} empty="" />
                </section>
              )}
            </Stack>
          )}
        </Card>
      )}

      <section aria-labelledby="lots-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="lots-title">
            Lots
          </Title>
          <Text size="sm" c="dimmed">
            Consultation publiée, dépôt avant le {formatDate(bid.tender.deadline)}
          </Text>
        </Group>
        {access.isCoordinator && (
          <Text size="sm" mb="sm">
            <Anchor href={`/api/bids/${bid.id}/workbook`} download>
              Télécharger la candidature en classeur Excel (XLSX)
            </Anchor>{' '}
            : consultation, lots, territoires, membres et offres, montants en euros, aux colonnes du
            modèle d’import (à modifier puis importer comme nouvelle candidature).
          </Text>
        )}
        <DataTable
          minWidth={640}
          scrollRegionLabel="Lots de la consultation"
          striped
          columns={[
            'Lot',
            numeric('Montant HT'),
            numeric('Heures d’insertion'),
            numeric('Heures demandées'),
            numeric('Heures déclarées'),
            numeric('Territoires'),
          ]}
        >
          {bid.lots.map((lot) => (
            <Table.Tr key={lot.id}>
              <Table.Td>
                {lot.number}. {lot.title}
              </Table.Td>
              <Table.Td ta="right">{formatCents(lot.amountCents)}</Table.Td>
              <Table.Td ta="right">{formatHours(lot.insertionHours)}</Table.Td>
              <Table.Td ta="right">{formatHours(lot.demandHours)}</Table.Td>
              <Table.Td ta="right">{formatHours(lot.offeredHours)}</Table.Td>
              <Table.Td ta="right">{lot.cells.length}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </section>
    </Stack>
  );
}

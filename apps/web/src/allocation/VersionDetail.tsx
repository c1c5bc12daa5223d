import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import type { AllocationVersionDto, BidDto } from '../api/schema';
import { useDocuments } from '../convention/queries';
import { DataTable, numeric } from '../ui/DataTable';
import { CompositionRules } from '../ui/CompositionRules';
import { Figure } from '../ui/Figure';
import { formatDateTime, formatHours } from '../ui/format';
import { withMemberNames } from '../ui/memberNames';
import { LotShares, type Names } from './LotShares';
import { MemberShares } from './MemberShares';
import { atLeastPercent } from './wording';

/** One version in full: what it guarantees, the rules, each lot, and each member's explanation. */
export function VersionDetail({
  bid,
  version,
  names,
  actions,
}: {
  bid: BidDto;
  version: AllocationVersionDto;
  names: Names;
  actions?: ReactNode;
}) {
  const { result, override } = version;
  // The person's own members first, so a partner finds its explanation at once.
  const explained = Object.keys(result.explanations).sort(
    (a, b) => Number(names.own.has(b)) - Number(names.own.has(a)),
  );

  return (
    <Stack gap="md" component="section" aria-labelledby="version-title">
      <div>
        <Group gap="sm">
          <Title order={3} size="h4" id="version-title">
            Version {version.number}
          </Title>
          <Badge variant="light" color={version.kind === 'OVERRIDE' ? 'orange' : 'indigo'}>
            {version.kind === 'OVERRIDE' ? 'Modifiée à la main' : 'Calculée'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {version.kind === 'OVERRIDE'
            ? `Créée le ${formatDateTime(version.createdAt)}${version.basedOn ? `, d’après la version ${version.basedOn}` : ''}${override ? ` par ${override.author}` : ''}.`
            : `Calculée le ${formatDateTime(version.createdAt)}.`}
        </Text>
        <Button
          component="a"
          href={`/api/bids/${bid.id}/allocations/${version.number}/summary`}
          target="_blank"
          rel="noopener"
          variant="default"
          size="sm"
          mt="xs"
        >
          Résumé imprimable (PDF)
        </Button>
        <OcdsDownload bidId={bid.id} number={version.number} />
      </div>

      {override && (
        <Alert
          color="orange"
          title={override.from ? 'Heures déplacées à la main' : 'Ligne modifiée à la main'}
        >
          {override.from ? (
            <>
              {formatHours(override.hoursAfter - override.hoursBefore)} déplacées de{' '}
              {names.member(override.from.org)} vers {names.member(override.org)}, lot{' '}
              {override.lot}, {names.territory(override.lot, override.territory)} :{' '}
              {names.member(override.from.org)} {formatHours(override.from.hoursBefore)} →{' '}
              {formatHours(override.from.hoursAfter)}, {names.member(override.org)}{' '}
              {formatHours(override.hoursBefore)} → {formatHours(override.hoursAfter)}.
            </>
          ) : (
            <>
              {names.member(override.org)}, lot {override.lot},{' '}
              {names.territory(override.lot, override.territory)} :{' '}
              {formatHours(override.hoursBefore)} → {formatHours(override.hoursAfter)}.
            </>
          )}{' '}
          Motif : « {override.reason} »
        </Alert>
      )}

      {actions}

      <section aria-labelledby="optima-title">
        <Title order={4} size="h5" id="optima-title" mb="xs">
          Ce que garantit le calcul
        </Title>
        {version.kind === 'OVERRIDE' && (
          <Text size="sm" c="dimmed" mb="xs">
            Ce sont les optima du calcul d’origine : la modification à la main peut s’en écarter.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Figure
            label="Demande non couverte, au minimum possible"
            value={formatHours(result.optima.coverage)}
          />
          <Figure
            label="Heures hors des territoires principaux des membres, au minimum possible"
            value={formatHours(result.optima.proximity)}
            note="Chaque heure sur un territoire secondaire compte pour le coût que fixe la politique de répartition (1 par défaut)."
          />
          <Figure
            label="Part de son offre reçue par chaque membre, au moins"
            value={atLeastPercent(result.optima.fairness)}
          />
        </SimpleGrid>
      </section>

      <section aria-labelledby="rules-title">
        <Title order={4} size="h5" id="rules-title" mb="xs">
          Règles de composition du groupement
        </Title>
        <CompositionRules
          rules={result.rules}
          empty="La consultation ne fixe pas de règle de composition."
        />
      </section>

      {result.warnings.length > 0 && (
        <Alert color="yellow" title="Points d’attention">
          <List size="sm" spacing={4}>
            {result.warnings.map((warning) => (
              <List.Item key={`${warning.code}-${warning.path}`}>
                {withMemberNames(bid, warning.message)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {bid.lots.map((lot) => (
        <LotShares key={lot.id} lot={lot} result={result} names={names} />
      ))}

      <MemberShares bid={bid} result={result} names={names} />

      <section aria-labelledby="explanations-title">
        <Title order={4} size="h5" id="explanations-title" mb="xs">
          Explication pour chaque membre
        </Title>
        <Accordion
          variant="separated"
          multiple
          defaultValue={explained.filter((key) => names.own.has(key))}
        >
          {explained.map((key) => (
            <Accordion.Item key={key} value={key}>
              <Accordion.Control>
                {names.member(key)}
                {names.own.has(key) && ' (votre structure)'}
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  <Text size="sm">{result.explanations[key]}</Text>
                  <TerritoryLines org={key} result={result} names={names} />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </section>
    </Stack>
  );
}

/**
 * The version's open-data publication (OCDS), where its own address points: kept with the
 * buyer's documents, so it exists once they were generated for this version.
 */
function OcdsDownload({ bidId, number }: { bidId: string; number: number }) {
  const documents = useDocuments(bidId);
  if (!documents.data) return null;
  const published = documents.data.some(
    (document) => document.kind === 'OCDS' && document.allocationVersion === number,
  );
  if (!published)
    return (
      <Text size="sm" c="dimmed">
        Publication en données ouvertes (OCDS) : disponible une fois les documents pour l’acheteur
        générés pour cette version.
      </Text>
    );
  return (
    <Text size="sm">
      <Anchor
        href={`/api/bids/${bidId}/allocations/${number}/ocds`}
        download={`version-${number}-ocds.json`}
      >
        Télécharger la publication en données ouvertes (OCDS, JSON) de la version {number}
      </Anchor>
    </Text>
  );
}

/** Where a member works, territory by territory: the detail behind its lot totals. */
function TerritoryLines({
  org,
  result,
  names,
}: {
  org: string;
  result: AllocationVersionDto['result'];
  names: Names;
}) {
  const lines = result.lines.filter((line) => line.org === org && line.hours > 0);
  if (lines.length === 0) return null;
  return (
    <DataTable
      minWidth={320}
      withTableBorder={false}
      verticalSpacing={4}
      columns={['Lot', 'Territoire', numeric('Heures')]}
    >
      {lines.map((line) => (
        <Table.Tr key={`${line.lot}-${line.territory}`}>
          <Table.Td>{line.lot}</Table.Td>
          <Table.Td>{names.territory(line.lot, line.territory)}</Table.Td>
          <Table.Td ta="right">{formatHours(line.hours)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Figure } from '../ui/Figure';
import { formatCents, formatDate, formatHours } from '../ui/format';
import { type CarryOver, useRenewal } from './queries';

const CHARTER: Record<CarryOver['members']['carried'][number]['charter'], string> = {
  ACCEPTED: 'charte actuelle acceptée',
  TO_ACCEPT_AGAIN: 'charte modifiée : à accepter de nouveau',
  TO_ACCEPT: 'charte à accepter',
  NO_CHARTER: 'pas de charte dans le réseau',
};

const LEFT_OUT: Record<CarryOver['members']['leftOut'][number]['reason'], string> = {
  WITHDRAWN: 's’était retiré',
  DECLINED: 'avait décliné',
  SUBCONTRACTOR: 'sous-traitant : à déclarer de nouveau par son mandant',
};

const DROPPED: Record<CarryOver['offers']['dropped'][number]['reason'], string> = {
  CELL_REMOVED: 'territoire retiré du lot',
  LOT_REMOVED: 'lot absent de la nouvelle consultation',
  MEMBER_LEFT: 'membre non repris',
};

const signedCents = (cents: number) =>
  cents === 0 ? 'inchangé' : `${cents > 0 ? '+' : '−'}${formatCents(Math.abs(cents))}`;

/**
 * « Reprise du marché précédent »: on a renewed bid, what came back from the finished one and
 * what changed between the two tenders; on a finished bid, the bids that renew it. Coordinators
 * only (the diff shows every member's offers).
 */
export function RenewalSection({ bidId, status }: { bidId: string; status: string }) {
  const renewal = useRenewal(bidId, true);
  if (renewal.isPending) return null;
  if (renewal.isError) return <ErrorPanel error={renewal.error} />;
  const { previous, carryOver, renewedBy } = renewal.data;

  return (
    <>
      {(status === 'AWARDED' || renewedBy.length > 0) && (
        <Card withBorder component="section" aria-labelledby="renewed-by-title">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Title order={2} size="h4" id="renewed-by-title">
              {renewedBy.length > 0 ? 'Marché renouvelé' : 'Renouvellement du marché'}
            </Title>
            {status === 'AWARDED' && (
              <Button component={Link} to={`/candidatures/${bidId}/renouveler`} variant="light">
                Renouveler
              </Button>
            )}
          </Group>
          {renewedBy.length === 0 && (
            <Text size="sm">
              À l’approche de la prochaine consultation, repartez de ce marché : membres, offres,
              plafonds et répartition signée proposés, avec les écarts à relire.
            </Text>
          )}
          <List size="sm">
            {renewedBy.map((next) => (
              <List.Item key={next.bidId}>
                <Anchor component={Link} to={`/candidatures/${next.bidId}`}>
                  {next.reference} — {next.title}
                </Anchor>{' '}
                (le {formatDate(next.createdAt)})
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {previous && carryOver && <CarryOverCard previous={previous} carryOver={carryOver} />}
    </>
  );
}

function CarryOverCard({
  previous,
  carryOver,
}: {
  previous: { bidId: string; reference: string; title: string; renewedAt: string };
  carryOver: CarryOver;
}) {
  const names = new Map(
    [...carryOver.members.carried, ...carryOver.members.leftOut].map((m) => [m.key, m.legalName]),
  );
  const nameOf = (key: string) => names.get(key) ?? key;
  const { lots, cells, members, offers, split } = carryOver;
  const fromRealised = offers.carried.filter((offer) => offer.source === 'REALISED').length;

  return (
    <Card withBorder component="section" aria-labelledby="carry-over-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="carry-over-title">
            Reprise du marché précédent
          </Title>
          <Text size="sm" mt={4}>
            Cette candidature renouvelle{' '}
            <Anchor component={Link} to={`/candidatures/${previous.bidId}`}>
              {previous.reference} — {previous.title}
            </Anchor>{' '}
            (le {formatDate(previous.renewedAt)}). Les membres repris sont invités à nouveau :
            chacun accepte et confirme ses offres lui-même ; rien n’est accepté ni signé à sa place.
          </Text>
        </div>

        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Figure label="Membres repris" value={String(members.carried.length)} />
          <Figure label="Membres non repris" value={String(members.leftOut.length)} />
          <Figure label="Offres reprises" value={String(offers.carried.length)} />
          <Figure label="Offres abandonnées" value={String(offers.dropped.length)} />
        </SimpleGrid>

        <section aria-labelledby="carry-lots-title">
          <Title order={3} size="h5" id="carry-lots-title" mb="xs">
            Lots
          </Title>
          <DataTable
            minWidth={560}
            scrollRegionLabel="Lots repris et leurs montants"
            columns={['Lot', numeric('Montant'), numeric('Marché précédent'), numeric('Écart')]}
          >
            {lots.carried.map((lot) => (
              <Table.Tr key={lot.number}>
                <Table.Td>
                  {lot.number}. {lot.title}
                  {lot.previousNumber !== lot.number && (
                    <Text size="xs" c="dimmed">
                      était le lot {lot.previousNumber}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatCents(lot.amountCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(lot.previousAmountCents)}</Table.Td>
                <Table.Td ta="right">{signedCents(lot.amountChangeCents)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          {lots.added.length > 0 && (
            <Text size="sm" mt="xs">
              Nouveaux lots :{' '}
              {lots.added
                .map((lot) => `${lot.number}. ${lot.title} (${formatCents(lot.amountCents)})`)
                .join(' ; ')}
              .
            </Text>
          )}
          {lots.removed.length > 0 && (
            <Text size="sm" mt="xs">
              Lots du marché précédent absents :{' '}
              {lots.removed.map((lot) => `${lot.number}. ${lot.title}`).join(' ; ')}.
            </Text>
          )}
        </section>

        <section aria-labelledby="carry-cells-title">
          <Title order={3} size="h5" id="carry-cells-title" mb="xs">
            Territoires
          </Title>
          {cells.added.length + cells.removed.length + cells.demandChanged.length === 0 ? (
            <Text size="sm">Les territoires des lots repris sont inchangés.</Text>
          ) : (
            <List size="sm">
              {cells.removed.map((cell) => (
                <List.Item key={`r-${cell.lot}-${cell.territory}`}>
                  Retiré : {cell.territory} du lot {cell.lot} ({formatHours(cell.demandHours)})
                </List.Item>
              ))}
              {cells.added.map((cell) => (
                <List.Item key={`a-${cell.lot}-${cell.territory}`}>
                  Ajouté : {cell.territory} au lot {cell.lot} ({formatHours(cell.demandHours)})
                </List.Item>
              ))}
              {cells.demandChanged.map((cell) => (
                <List.Item key={`c-${cell.lot}-${cell.territory}`}>
                  Heures demandées modifiées : {cell.territory}, lot {cell.lot} :{' '}
                  {formatHours(cell.previousDemandHours)} → {formatHours(cell.demandHours)}
                </List.Item>
              ))}
            </List>
          )}
        </section>

        <section aria-labelledby="carry-members-title">
          <Title order={3} size="h5" id="carry-members-title" mb="xs">
            Membres
          </Title>
          <Stack gap={4}>
            {members.carried.map((member) => (
              <Group key={member.key} gap="xs" wrap="wrap">
                <Text size="sm">{member.legalName}</Text>
                <Badge
                  variant="light"
                  color={
                    member.charter === 'ACCEPTED' || member.charter === 'NO_CHARTER'
                      ? 'gray'
                      : 'orange'
                  }
                >
                  {CHARTER[member.charter]}
                </Badge>
              </Group>
            ))}
          </Stack>
          {members.leftOut.length > 0 && (
            <>
              <Text size="sm" fw={600} mt="sm">
                Non repris
              </Text>
              <List size="sm">
                {members.leftOut.map((member) => (
                  <List.Item key={member.key}>
                    {member.legalName} : {LEFT_OUT[member.reason]}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </section>

        <section aria-labelledby="carry-offers-title">
          <Title order={3} size="h5" id="carry-offers-title" mb="xs">
            Offres proposées
          </Title>
          <Text size="sm" mb="xs">
            {offers.carried.length} offres reprises sur les territoires qui demeurent
            {fromRealised > 0 &&
              `, dont ${fromRealised} à hauteur des heures réalisées sur les 12 derniers mois`}
            . Chaque membre les confirme ou les modifie en déclarant ses capacités.
          </Text>
          {offers.dropped.length > 0 && (
            <DataTable
              minWidth={560}
              scrollRegionLabel="Offres abandonnées"
              columns={['Membre', 'Lot', 'Territoire', numeric('Heures'), 'Motif']}
            >
              {offers.dropped.map((offer) => (
                <Table.Tr key={`${offer.org}-${offer.lot}-${offer.territory}`}>
                  <Table.Td>{nameOf(offer.org)}</Table.Td>
                  <Table.Td>{offer.lot}</Table.Td>
                  <Table.Td>{offer.territory}</Table.Td>
                  <Table.Td ta="right">{formatHours(offer.hours)}</Table.Td>
                  <Table.Td>{DROPPED[offer.reason]}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </section>

        <section aria-labelledby="carry-split-title">
          <Title order={3} size="h5" id="carry-split-title" mb="xs">
            Répartition de départ (la dernière signée, sur les nouveaux montants)
          </Title>
          {split.map((lot) => (
            <Stack key={lot.lot} gap={4} mb="sm">
              <Text size="sm" fw={600}>
                Lot {lot.lot} : {formatCents(lot.amountCents)}
              </Text>
              <DataTable
                minWidth={480}
                scrollRegionLabel={`Répartition de départ du lot ${lot.lot}`}
                columns={['Membre', 'Territoire', numeric('Heures'), numeric('Montant')]}
              >
                {lot.lines.map((line) => (
                  <Table.Tr key={`${line.org}-${line.territory}`}>
                    <Table.Td>{nameOf(line.org)}</Table.Td>
                    <Table.Td>{line.territory}</Table.Td>
                    <Table.Td ta="right">{formatHours(line.hours)}</Table.Td>
                    <Table.Td ta="right">{formatCents(line.amountCents)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    Non attribué (nouveaux territoires, membres partis)
                  </Table.Td>
                  <Table.Td ta="right">{formatHours(lot.unassignedHours)}</Table.Td>
                  <Table.Td ta="right">{formatCents(lot.unassignedCents)}</Table.Td>
                </Table.Tr>
              </DataTable>
            </Stack>
          ))}
        </section>
      </Stack>
    </Card>
  );
}

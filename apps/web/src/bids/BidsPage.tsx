import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { useMe } from '../auth/session';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatDate } from '../ui/format';
import { statusOf } from '../ui/labels';
import { Loading } from '../ui/Loading';
import { RepresentationRequests } from '../representations/RepresentationRequests';
import { MyEngagements } from '../subcontracting/MyEngagements';
import { useEngagements } from '../subcontracting/queries';
import { NextSteps } from './NextSteps';
import { bidKeys, useNextSteps } from './queries';

/** Home: what I must do next, then every bid I take part in. */
export function BidsPage() {
  const me = useMe();
  const bids = useQuery({
    queryKey: bidKeys.all,
    queryFn: () => unwrap(api.GET('/api/bids')),
  });
  const steps = useNextSteps();
  const subcontracting = (useEngagements().data?.length ?? 0) > 0;
  const canCreate = (me.data?.roles.coordinatorOf.length ?? 0) > 0;

  return (
    <Stack maw={1100} mx="auto">
      <Group justify="space-between">
        <Title order={1}>Mes candidatures</Title>
        {canCreate && (
          <Button component={Link} to="/candidatures/nouvelle">
            Nouvelle candidature
          </Button>
        )}
      </Group>

      <section aria-labelledby="next-steps-title">
        <Title order={2} size="h3" id="next-steps-title" mb="sm">
          À faire
        </Title>
        {steps.isPending ? (
          <Loading />
        ) : steps.isError ? (
          <ErrorPanel error={steps.error} />
        ) : (
          <NextSteps steps={steps.data} showBid />
        )}
      </section>

      <RepresentationRequests onlyWhenAny />

      <MyEngagements />

      <section aria-labelledby="bids-title">
        <Title order={2} size="h3" id="bids-title" mb="sm">
          Candidatures
        </Title>
        {bids.isPending ? (
          <Loading />
        ) : bids.isError ? (
          <ErrorPanel error={bids.error} />
        ) : bids.data.length === 0 ? (
          <Text c="dimmed">
            Aucune candidature pour l’instant.{' '}
            {canCreate
              ? 'Créez-en une ou importez un fichier de scénario.'
              : subcontracting
                ? 'Vos structures n’y sont que sous-traitantes : vos sous-traitances sont ci-dessus.'
                : 'Votre coordinateur vous invitera par mail.'}
          </Text>
        ) : (
          <>
            <DataTable
              minWidth={640}
              visibleFrom="sm"
              striped
              highlightOnHover
              columns={[
                'Consultation',
                'État',
                'Date limite',
                numeric('Membres'),
                numeric('Montant HT'),
              ]}
            >
              {bids.data.map((bid) => (
                <Table.Tr key={bid.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/candidatures/${bid.id}`}>
                      {bid.tender.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {bid.tender.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusOf(bid.status).color} variant="light">
                      {statusOf(bid.status).label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(bid.tender.deadline)}</Table.Td>
                  <Table.Td ta="right">{bid.members}</Table.Td>
                  <Table.Td ta="right">{formatCents(bid.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            {/* On a phone, one card per bid instead of a wide table. */}
            <SimpleGrid cols={1} hiddenFrom="sm">
              {bids.data.map((bid) => (
                <Card key={bid.id} withBorder component={Link} to={`/candidatures/${bid.id}`}>
                  <Text fw={600}>{bid.tender.title}</Text>
                  <Text size="sm" c="dimmed">
                    {bid.tender.reference} · avant le {formatDate(bid.tender.deadline)}
                  </Text>
                  <Badge mt="xs" color={statusOf(bid.status).color} variant="light">
                    {statusOf(bid.status).label}
                  </Badge>
                </Card>
              ))}
            </SimpleGrid>
          </>
        )}
      </section>
    </Stack>
  );
}

import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/errors';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDate } from '../ui/format';
import { Loading } from '../ui/Loading';
import {
  ROLE_WORDS,
  type RepresentationRequest,
  STATUS_WORDS,
  useDecideRepresentation,
  useRepresentationRequests,
} from './queries';

const roles = (request: RepresentationRequest) =>
  request.roles.map((role) => ROLE_WORDS[role]).join(' et ');

const where = (request: RepresentationRequest) =>
  request.bid
    ? `candidature « ${request.bid.title} » (${request.bid.reference}), réseau ${request.bid.network}`
    : 'candidature supprimée depuis';

/**
 * Requests to act for an organisation: the ones I decide (Confirmer / Refuser), and mine, waiting
 * for the organisation's people. `onlyWhenAny` hides the whole block when there is nothing to show.
 */
export function RepresentationRequests({ onlyWhenAny = false }: { onlyWhenAny?: boolean }) {
  const requests = useRepresentationRequests();
  const decide = useDecideRepresentation();
  if (requests.isPending) return onlyWhenAny ? null : <Loading />;
  if (requests.isError) return <ErrorPanel error={requests.error} />;
  const { toDecide } = requests.data;
  const mine = onlyWhenAny
    ? requests.data.mine.filter((request) => request.status === 'PENDING')
    : requests.data.mine;
  if (onlyWhenAny && toDecide.length === 0 && mine.length === 0) return null;

  const send = (request: RepresentationRequest, decision: 'confirm' | 'refuse') =>
    decide.mutate(
      { id: request.id, decision },
      {
        onSuccess: () =>
          notifications.show({
            color: decision === 'confirm' ? 'green' : 'gray',
            message:
              decision === 'confirm'
                ? `${request.requester.email} représente désormais ${request.organisation.legalName}.`
                : `Demande refusée : ${request.requester.email} n’a aucun rôle pour ${request.organisation.legalName}.`,
          }),
        onError: (error) =>
          notifications.show({ color: 'red', title: 'Rien n’a changé', message: messageOf(error) }),
      },
    );

  return (
    <Stack>
      <section aria-labelledby="to-decide-title">
        <Title order={2} size="h3" id="to-decide-title" mb="sm">
          Demandes à confirmer
        </Title>
        {toDecide.length === 0 ? (
          <Text c="dimmed">Aucune demande n’attend votre décision.</Text>
        ) : (
          <Stack>
            {toDecide.map((request) => (
              <Card
                key={request.id}
                withBorder
                component="article"
                aria-label={request.requester.email}
              >
                <Text>
                  <strong>{request.requester.email}</strong> demande à {roles(request)} pour{' '}
                  <strong>{request.organisation.legalName}</strong>.
                </Text>
                <Text size="sm" c="gray.7">
                  Invitation de {request.requestedBy ?? 'un coordinateur'} le{' '}
                  {formatDate(request.createdAt)} — {where(request)}.
                </Text>
                <Text size="sm" c="gray.7" mt="xs">
                  Si vous ne connaissez pas cette personne, refusez : rien n’est accordé sans votre
                  confirmation.
                </Text>
                <Group mt="sm">
                  <Button
                    aria-label={`Confirmer ${request.requester.email} pour ${request.organisation.legalName}`}
                    loading={decide.isPending && decide.variables?.id === request.id}
                    onClick={() => send(request, 'confirm')}
                  >
                    Confirmer
                  </Button>
                  <Button
                    variant="outline"
                    color="red"
                    aria-label={`Refuser ${request.requester.email} pour ${request.organisation.legalName}`}
                    disabled={decide.isPending}
                    onClick={() => send(request, 'refuse')}
                  >
                    Refuser
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </section>

      {mine.length > 0 && (
        <section aria-labelledby="my-requests-title">
          <Title order={2} size="h3" id="my-requests-title" mb="sm">
            Vos demandes
          </Title>
          <Stack>
            {mine.map((request) => (
              <Alert
                key={request.id}
                color={STATUS_WORDS[request.status].color}
                title={`${request.organisation.legalName} : ${STATUS_WORDS[request.status].label.toLowerCase()}`}
              >
                <Stack gap={4}>
                  <Text size="sm">
                    Vous avez été invité(e) à {roles(request)} pour {request.organisation.legalName}{' '}
                    ({where(request)}).
                  </Text>
                  {request.status === 'PENDING' && (
                    <Text size="sm">
                      Cette structure a déjà des représentants sur Cordage : vous pourrez agir pour
                      elle dès que l’un d’eux aura confirmé. Ils ont été prévenus par mail.
                    </Text>
                  )}
                  <Badge color={STATUS_WORDS[request.status].color} variant="light">
                    {STATUS_WORDS[request.status].label}
                  </Badge>
                </Stack>
              </Alert>
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}

import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { Member } from '../bids/queries';
import { InviteForm } from '../members/InviteForm';
import { ReasonModal } from '../members/ReasonModal';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatDateTime, formatHours } from '../ui/format';
import { Loading } from '../ui/Loading';
import { MEMBER_STATUS, ORGANISATION_KIND } from '../ui/labels';
import { SubcontractForm } from './SubcontractForm';
import {
  KIND_WORDS,
  type Subcontract,
  type Subcontractor,
  useRefreshSubcontracting,
  useSubcontracting,
} from './queries';

/** A subcontractor still in: invited, accepted, or with its declaration. */
const active = (s: Subcontractor) => s.status !== 'WITHDRAWN' && s.status !== 'DECLINED';

/**
 * « Sous-traitants » on a member's page: whom it invited, their answers and what they say they
 * can lend, and its subcontracts (annex B and the DC4 sheets are made from them). A coordinator
 * sees the same for any member and acts on its behalf (`onBehalf`): the member sees what was done.
 */
export function SubcontractorsSection({
  bidId,
  member,
  open,
  onBehalf = false,
}: {
  bidId: string;
  member: Pick<Member, 'id'> & { organisation: { legalName: string } };
  /** Whether the bid still takes subcontractors and subcontracts (until the split is proposed). */
  open: boolean;
  /** A coordinator acting for the member. */
  onBehalf?: boolean;
}) {
  const overview = useSubcontracting(bidId, member.id);
  const refresh = useRefreshSubcontracting(bidId, member.id);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Subcontract | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<Subcontractor | null>(null);
  const titleId = `subcontractors-${member.id}`;
  const name = member.organisation.legalName;
  const forWhom = onBehalf ? ` pour le compte de ${name}` : '';
  // A subcontract from the imported file names a subcontractor not invited here: read only.
  const invited = new Set((overview.data?.subcontractors ?? []).map((s) => s.memberId));

  return (
    <Card withBorder radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} id={titleId}>
            Sous-traitants de {name}
          </Title>
          {open && !inviting && (
            <Button variant="light" onClick={() => setInviting(true)}>
              Inviter un sous-traitant
            </Button>
          )}
        </Group>
        {onBehalf ? (
          <Text size="sm" c="gray.7">
            Ce que vous faites ici l’est pour le compte de {name} : c’est enregistré comme tel dans
            l’historique, et {name} le voit sur sa page.
          </Text>
        ) : (
          <Text size="sm" c="gray.7">
            Associations intermédiaires, ETTI, entreprises adaptées, ESAT… Chacun reçoit un lien,
            accepte, puis dit combien d’heures il peut vous apporter sur vos lots. Il ne voit que
            vos lots et ses propres déclarations.
          </Text>
        )}
        {!onBehalf && (overview.data?.onBehalf.length ?? 0) > 0 && (
          <Alert color="blue" title="Fait par la coordination pour votre compte">
            <List size="sm" spacing={2}>
              {overview.data?.onBehalf.map((act) => (
                <List.Item key={`${act.at}-${act.action}`}>
                  {act.summary}, par {act.by}, le {formatDateTime(act.at)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {inviting && (
          <InviteForm
            bidId={bidId}
            principal={{ memberId: member.id, legalName: name }}
            onClose={() => setInviting(false)}
            onInvited={refresh}
          />
        )}
        {overview.isPending ? (
          <Loading label="Chargement des sous-traitants" />
        ) : overview.isError ? (
          <ErrorPanel error={overview.error} title="Impossible d’afficher les sous-traitants" />
        ) : (
          <>
            {overview.data.subcontractors.length === 0 ? (
              <Text size="sm">Aucun sous-traitant invité pour l’instant.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Structure</Table.Th>
                    <Table.Th>Réponse</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Heures proposées</Table.Th>
                    {open && <Table.Th>Actions</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {overview.data.subcontractors.map((s) => {
                    const status = MEMBER_STATUS[s.status] ?? { label: s.status, color: 'gray' };
                    return (
                      <Table.Tr key={s.memberId}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {s.legalName}
                          </Text>
                          <Text size="xs" c="gray.7">
                            {ORGANISATION_KIND[s.kind] ?? s.kind} · {s.identifier}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={status.color} variant="light">
                            {status.label}
                          </Badge>
                        </Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>
                          {s.declaredHours > 0 ? formatHours(s.declaredHours) : '—'}
                        </Table.Td>
                        {open && (
                          <Table.Td>
                            {active(s) && (
                              <Button
                                size="xs"
                                variant="default"
                                color="red"
                                onClick={() => setWithdrawing(s)}
                                aria-label={`Retirer ${s.legalName}`}
                              >
                                Retirer
                              </Button>
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}

            <Group justify="space-between" mt="sm">
              <Title order={5} component="h5">
                Sous-traitances et mises à disposition
              </Title>
              {open && editing === null && (
                <Button
                  variant="light"
                  onClick={() => setEditing('new')}
                  disabled={
                    !overview.data.subcontractors.some(
                      (s) => s.status === 'ACCEPTED' || s.status === 'DATA_COMPLETE',
                    )
                  }
                >
                  {onBehalf ? 'Nouvelle sous-traitance pour son compte' : 'Nouvelle sous-traitance'}
                </Button>
              )}
            </Group>
            {editing !== null && (
              <SubcontractForm
                bidId={bidId}
                principalId={member.id}
                overview={overview.data}
                editing={editing === 'new' ? null : editing}
                onClose={() => setEditing(null)}
                onSaved={refresh}
              />
            )}
            {overview.data.subcontracts.length === 0 ? (
              <Text size="sm">Aucune sous-traitance déclarée.</Text>
            ) : (
              <Stack gap="xs">
                {overview.data.subcontracts.map((s) => (
                  <Group key={s.id} justify="space-between" wrap="wrap" gap="xs">
                    <div>
                      <Text size="sm" fw={500}>
                        Lot {s.lot} — {s.subcontractorName}
                      </Text>
                      <Text size="xs" c="gray.7">
                        {KIND_WORDS[s.kind]} · {s.nature} · {formatCents(s.amountExclVatCents)} HT
                        {s.amountInclVatCents !== null &&
                          ` · ${formatCents(s.amountInclVatCents)} TTC`}
                        {s.durationMonths !== null && ` · ${s.durationMonths} mois`}
                        {s.reverseCharge && ' · autoliquidation'}
                        {s.directPayment === true && ' · paiement direct'}
                      </Text>
                    </div>
                    {open && editing === null && invited.has(s.subcontractorId) && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(s)}
                        aria-label={`Modifier la sous-traitance de ${s.subcontractorName} sur le lot ${s.lot}`}
                      >
                        Modifier
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
          </>
        )}
      </Stack>
      <ReasonModal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={`Retirer ${withdrawing?.legalName ?? ''}${forWhom}`}
        explanation={
          'Ce sous-traitant ne travaillera plus pour ' +
          `${name} dans cette candidature ; les sous-traitances qui lui étaient confiées sont ` +
          'supprimées avec lui. La raison figure dans l’historique.'
        }
        reasonLabel="Raison du retrait"
        confirmLabel="Retirer ce sous-traitant"
        send={(reason) =>
          withdrawing === null
            ? Promise.reject(new Error('Aucun sous-traitant à retirer.'))
            : unwrap(
                api.POST(
                  '/api/bids/{bidId}/members/{memberId}/subcontractors/{subcontractorId}/withdraw',
                  {
                    params: {
                      path: { bidId, memberId: member.id, subcontractorId: withdrawing.memberId },
                    },
                    body: { reason },
                  },
                ),
              )
        }
        onDone={() => {
          notifications.show({
            message: `${withdrawing?.legalName ?? 'Le sous-traitant'} est retiré.`,
            color: 'green',
          });
          setWithdrawing(null);
          void refresh();
        }}
      />
    </Card>
  );
}

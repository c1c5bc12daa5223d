import { Accordion, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatHours } from '../ui/format';
import { Loading } from '../ui/Loading';
import { MEMBER_STATUS } from '../ui/labels';
import { SubcontractorsSection } from './SubcontractorsSection';
import { lotName, useBidSubcontracting } from './queries';

/**
 * « Sous-traitance » for the bid's coordinators: per lot what the members subcontract and what
 * the buyer pays directly, then each member's subcontractors, managed on its behalf.
 */
export function SubcontractingTier({
  bidId,
  open,
  ownIds,
}: {
  bidId: string;
  open: boolean;
  /** Members the person edits itself: managed in « Votre structure », not on their behalf. */
  ownIds: ReadonlySet<string>;
}) {
  const tier = useBidSubcontracting(bidId);
  // A member's section loads its own details: only those opened.
  const [opened, setOpened] = useState<string[]>([]);

  return (
    <section aria-labelledby="subcontracting-tier">
      <Title order={3} id="subcontracting-tier" mb="xs">
        Sous-traitance des membres
      </Title>
      {tier.isPending ? (
        <Loading label="Chargement de la sous-traitance" />
      ) : tier.isError ? (
        <ErrorPanel error={tier.error} title="Impossible d’afficher la sous-traitance" />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="gray.7">
            {tier.data.totals.subcontractors} sous-traitant
            {tier.data.totals.subcontractors > 1 ? 's' : ''} · {tier.data.totals.subcontracts}{' '}
            sous-traitance
            {tier.data.totals.subcontracts > 1 ? 's' : ''} pour{' '}
            {formatCents(tier.data.totals.amountExclVatCents)} HT, dont{' '}
            {formatCents(tier.data.totals.directPaymentInclVatCents)} TTC payés directement par
            l’acheteur.
          </Text>
          <DataTable
            columns={[
              'Lot',
              numeric('Sous-traitances'),
              numeric('Montant HT'),
              numeric('Paiement direct TTC'),
              numeric('Heures proposées'),
            ]}
            minWidth={560}
            scrollRegionLabel="Sous-traitance par lot"
            striped
          >
            {tier.data.lots.map((lot) => (
              <Table.Tr key={lot.number}>
                <Table.Td>{lotName(lot)}</Table.Td>
                <Table.Td ta="right">{lot.subcontracts}</Table.Td>
                <Table.Td ta="right">{formatCents(lot.amountExclVatCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(lot.directPaymentInclVatCents)}</Table.Td>
                <Table.Td ta="right">
                  {lot.declaredHours > 0 ? formatHours(lot.declaredHours) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Accordion variant="separated" multiple value={opened} onChange={setOpened}>
            {tier.data.members.map((member) => {
              const status = MEMBER_STATUS[member.status] ?? {
                label: member.status,
                color: 'gray',
              };
              const amount = member.subcontracts.reduce((sum, s) => sum + s.amountExclVatCents, 0);
              return (
                <Accordion.Item key={member.memberId} value={member.memberId}>
                  <Accordion.Control>
                    <Group justify="space-between" wrap="wrap" gap="xs" pr="sm">
                      <Text fw={500}>{member.legalName}</Text>
                      <Group gap="xs">
                        <Text size="sm" c="gray.7">
                          {member.subcontractors.length} sous-traitant
                          {member.subcontractors.length > 1 ? 's' : ''} ·{' '}
                          {member.subcontracts.length} sous-traitance
                          {member.subcontracts.length > 1 ? 's' : ''} · {formatCents(amount)} HT
                        </Text>
                        <Badge color={status.color} variant="light">
                          {status.label}
                        </Badge>
                      </Group>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    {opened.includes(member.memberId) && (
                      <SubcontractorsSection
                        bidId={bidId}
                        member={{
                          id: member.memberId,
                          organisation: { legalName: member.legalName },
                        }}
                        open={open && member.status !== 'WITHDRAWN' && member.status !== 'DECLINED'}
                        onBehalf={!ownIds.has(member.memberId)}
                      />
                    )}
                  </Accordion.Panel>
                </Accordion.Item>
              );
            })}
          </Accordion>
        </Stack>
      )}
    </section>
  );
}

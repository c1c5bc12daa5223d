import { uncoveredByLot } from '@cordage/domain/uncovered-part';
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { AllocationVersionDto, ChangeRequestDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { FailureAlert } from '../ui/FailureAlert';
import { formatCents, formatHours } from '../ui/format';

type UncoveredCell = AllocationVersionDto['result']['uncovered'][number];

/**
 * The coordinator puts the shown version to the members' vote: the bid moves to PROPOSED, or,
 * after the signature, the open change request moves to REALLOCATED. A version that leaves work
 * to no member goes to the vote only once the coordinator has said it was seen.
 */
export function ProposeVote({
  bidId,
  version,
  uncovered,
  changeRequest,
}: {
  bidId: string;
  version: number;
  uncovered: readonly UncoveredCell[];
  changeRequest: ChangeRequestDto | null;
}) {
  const queryClient = useQueryClient();
  const uncoveredLots = changeRequest ? [] : uncoveredByLot({ uncovered });
  const [acknowledged, setAcknowledged] = useState(false);
  const propose = useMutation({
    mutationFn: async () => {
      if (changeRequest) {
        await unwrap(
          api.POST('/api/bids/{bidId}/change-requests/{changeRequestId}/transitions', {
            params: { path: { bidId, changeRequestId: changeRequest.id } },
            body: { event: 'REALLOCATE', allocationVersion: version },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/bids/{bidId}/workflow/transitions', {
            params: { path: { bidId } },
            body: {
              event: 'PROPOSE',
              allocationVersion: version,
              ...(uncoveredLots.length > 0 && { acknowledgeUncovered: acknowledged }),
            },
          }),
        );
      }
    },
    onSuccess: async () => {
      notifications.show({
        message: `La version ${version} est soumise au vote des membres.`,
        color: 'green',
      });
      await queryClient.invalidateQueries({ queryKey: bidKeys.bid(bidId) });
      await queryClient.invalidateQueries({ queryKey: bidKeys.nextSteps });
    },
  });

  return (
    <Stack gap="xs">
      {uncoveredLots.length > 0 && (
        <Alert color="orange" title="Une part du marché n’est confiée à aucun membre">
          <List size="sm">
            {uncoveredLots.map((lot) => (
              <List.Item key={lot.lot}>
                Lot {lot.lot} : {formatHours(lot.hours)}, {formatCents(lot.amountCents)} HT
                {lot.insertionHours > 0 && `, ${formatHours(lot.insertionHours)} d’insertion`}
              </List.Item>
            ))}
          </List>
          <Checkbox
            mt="sm"
            checked={acknowledged}
            onChange={(event) => setAcknowledged(event.currentTarget.checked)}
            label="J’ai pris connaissance de la part non couverte"
          />
        </Alert>
      )}
      <Group>
        <Button
          color="violet"
          onClick={() => propose.mutate()}
          loading={propose.isPending}
          disabled={uncoveredLots.length > 0 && !acknowledged}
        >
          Soumettre au vote
        </Button>
        <Text size="sm" c="dimmed">
          La version {version} sera proposée à l’approbation de chaque membre.
        </Text>
      </Group>
      <FailureAlert error={propose.error} title="La version n’a pas pu être soumise au vote" />
    </Stack>
  );
}

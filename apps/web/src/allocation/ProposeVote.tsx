import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { ChangeRequestDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

/**
 * The coordinator puts the shown version to the members' vote: the bid moves to PROPOSED, or,
 * after the signature, the open change request moves to REALLOCATED.
 */
export function ProposeVote({
  bidId,
  version,
  changeRequest,
}: {
  bidId: string;
  version: number;
  changeRequest: ChangeRequestDto | null;
}) {
  const queryClient = useQueryClient();
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
            body: { event: 'PROPOSE', allocationVersion: version },
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
      <Group>
        <Button color="violet" onClick={() => propose.mutate()} loading={propose.isPending}>
          Soumettre au vote
        </Button>
        <Text size="sm" c="dimmed">
          La version {version} sera proposée à l’approbation de chaque membre.
        </Text>
      </Group>
      {propose.isError && (
        <Alert color="red" role="alert" title="La version n’a pas pu être soumise au vote">
          {messageOf(propose.error)}
        </Alert>
      )}
    </Stack>
  );
}

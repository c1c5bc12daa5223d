import { notifications } from '@mantine/notifications';
import { type UseMutationOptions, useMutation } from '@tanstack/react-query';

/**
 * A mutation that, once done, refreshes what it changed and says so in a green notice: the
 * refresh is awaited, so the button spins until the page shows the change.
 */
export function useNotifiedMutation<Data, Variables = void>({
  success,
  refresh,
  onSuccess,
  ...options
}: Omit<UseMutationOptions<Data, Error, Variables>, 'onSuccess'> & {
  /** The notice's words, from what the api answered when they depend on it. */
  success: string | ((data: Data, variables: Variables) => string);
  /** The queries the change makes stale. */
  refresh?: () => Promise<unknown>;
  /** Anything else to do first, e.g. close the dialog or empty a field. */
  onSuccess?: (data: Data, variables: Variables) => void;
}) {
  return useMutation({
    ...options,
    onSuccess: async (data, variables) => {
      onSuccess?.(data, variables);
      await refresh?.();
      notifications.show({
        color: 'green',
        message: typeof success === 'string' ? success : success(data, variables),
      });
    },
  });
}

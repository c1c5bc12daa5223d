import { Alert } from '@mantine/core';
import { messageOf } from '../api/errors';

/** A failure to load, said plainly, with the api's own French message when there is one. */
export function ErrorPanel({
  error,
  title = 'Impossible d’afficher cette page',
}: {
  error: unknown;
  title?: string;
}) {
  return (
    <Alert color="red" title={title} role="alert" m="md">
      {messageOf(error)}
    </Alert>
  );
}

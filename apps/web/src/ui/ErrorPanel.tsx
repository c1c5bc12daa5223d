import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { messageOf } from '../api/errors';

/** A failure to load, said plainly, with the api's own French message when there is one. */
export function ErrorPanel({
  error,
  title = 'Impossible d’afficher cette page',
  children,
}: {
  error: unknown;
  title?: string;
  /** The way on from here, e.g. a link back to the list: a page never ends in a dead end. */
  children?: ReactNode;
}) {
  return (
    <Alert color="red" title={title} role="alert" m="md">
      {messageOf(error)}
      {children}
    </Alert>
  );
}

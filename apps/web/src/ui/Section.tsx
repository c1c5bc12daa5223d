import { Paper, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';

/**
 * A titled part of a page: a bordered section named by its heading for screen readers. Give
 * `titleId` when something inside (a table's aria-labelledby) refers to the heading too.
 */
export function Section({
  title,
  titleId,
  children,
}: {
  title: ReactNode;
  titleId?: string;
  children: ReactNode;
}) {
  const generated = useId();
  const id = titleId ?? generated;
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

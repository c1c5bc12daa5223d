import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading of a bid's page, and the paragraph that says what the page is for. */
export function PageIntro({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div>
      <Title order={2} size="h3">
        {title}
      </Title>
      <Text c="dimmed" maw={820}>
        {children}
      </Text>
    </div>
  );
}

import { Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A background job's bar and the sentence under it, read aloud as it moves. The progressbar
 * role sits on the full-width track, so that the bar is there for everyone even at 0 %.
 */
export function JobProgressBar({
  label,
  percent,
  phase,
  children,
}: {
  /** The bar's accessible name, e.g. « Progression de l’import ». */
  label: string;
  percent: number;
  phase: 'running' | 'done' | 'failed';
  /** Where the job is, in words. */
  children: ReactNode;
}) {
  const running = phase === 'running';
  return (
    <Stack gap={4}>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}\u00a0%`}
      >
        <Progress.Section
          value={percent}
          color={phase === 'failed' ? 'red' : phase === 'done' ? 'green' : undefined}
          striped={running}
          animated={running}
          withAria={false}
        />
      </Progress.Root>
      <Text size="sm" role="status" aria-live="polite" aria-atomic="true">
        {children}
      </Text>
    </Stack>
  );
}

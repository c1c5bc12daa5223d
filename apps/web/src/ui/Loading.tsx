import { Center, Loader } from '@mantine/core';

export function Loading({ label = 'Chargement' }: { label?: string }) {
  return (
    <Center py="xl">
      {/* role="status": a bare span may not carry an aria-label (axe: aria-prohibited-attr). */}
      <Loader role="status" aria-label={label} />
    </Center>
  );
}

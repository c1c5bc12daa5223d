import { Center, Loader } from '@mantine/core';

export function Loading({ label = 'Chargement' }: { label?: string }) {
  return (
    <Center py="xl">
      <Loader aria-label={label} />
    </Center>
  );
}

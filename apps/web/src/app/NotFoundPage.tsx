import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack maw={600} mx="auto">
      <Title order={1}>Page introuvable</Title>
      <Text>Cette adresse ne correspond à aucune page de Cordage.</Text>
      <Anchor component={Link} to="/">
        Revenir à mes candidatures
      </Anchor>
    </Stack>
  );
}

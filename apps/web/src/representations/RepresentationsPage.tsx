import { Stack, Text, Title } from '@mantine/core';
import { RepresentationRequests } from './RepresentationRequests';

/** The page the mails link to: who asks to act for my organisations, and my own requests. */
export function RepresentationsPage() {
  return (
    <Stack maw={900} mx="auto">
      <Title order={1}>Représentation des structures</Title>
      <Text c="gray.7">
        Une invitation ne donne aucun rôle sur une structure déjà représentée : ses représentants
        confirment d’abord qui peut éditer ses données ou signer pour elle.
      </Text>
      <RepresentationRequests />
    </Stack>
  );
}

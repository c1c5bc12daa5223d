import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import type { Problem } from '../api/errors';
import { ProblemList } from './ProblemList';
import type { Refusal } from './importJob';

/** A refused import: nothing written, the api's message, then every problem where it is. */
export function RefusalPanel({
  refusal,
  problems = refusal.problems,
  advice,
}: {
  refusal: Refusal;
  /** The problems to list (a form lists here only those it could not put next to a field). */
  problems?: readonly Problem[];
  advice: string;
}) {
  const titleId = useId();
  return (
    <Stack gap="sm">
      <Alert color="red" role="alert" title="Refusé : rien n’a été enregistré">
        <Text size="sm">{refusal.message}</Text>
        {refusal.existingBidId && (
          <Text size="sm" mt={4}>
            <Anchor component={Link} to={`/candidatures/${refusal.existingBidId}`}>
              Ouvrir la candidature déjà créée pour cette consultation
            </Anchor>
          </Text>
        )}
        <Text size="sm" mt={4}>
          {refusal.duplicate
            ? 'Cette consultation a déjà sa candidature dans Cordage : complétez celle-ci plutôt que d’en créer une seconde.'
            : advice}
        </Text>
      </Alert>
      {problems.length > 0 && !refusal.duplicate && (
        <section aria-labelledby={titleId}>
          <Title order={3} size="h4" id={titleId} mb="xs">
            Problèmes à corriger ({problems.length})
          </Title>
          <ProblemList problems={problems} headingOrder={4} />
        </section>
      )}
    </Stack>
  );
}

import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ErrorPanel } from '../ui/ErrorPanel';
import { ORGANISATION_KIND } from '../ui/labels';
import { type DirectoryCandidate, useSubcontractorDirectory } from './queries';

/**
 * « Chercher dans l'annuaire du réseau » while inviting a subcontractor: the network's
 * organisations by name or identifier, each with its kind and territories; picking one fills the
 * invitation (its identifier, and its contact for a coordinator).
 */
export function DirectoryPick({
  bidId,
  memberId,
  onPick,
}: {
  bidId: string;
  memberId: string;
  onPick: (candidate: DirectoryCandidate) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useSubcontractorDirectory(bidId, memberId, debounced);
  const listId = `directory-pick-${memberId}`;

  return (
    <Stack gap="xs">
      <TextInput
        maw={560}
        label="Chercher dans l’annuaire du réseau"
        description="Raison sociale ou numéro SIRET : choisir une structure remplit l’invitation."
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        aria-controls={listId}
      />
      {found.isError ? (
        <ErrorPanel error={found.error} title="Impossible de chercher dans l’annuaire" />
      ) : (
        <Stack gap={4} id={listId} aria-live="polite">
          {found.data && debounced !== '' && found.data.organisations.length === 0 && (
            <Text size="sm" c="gray.7">
              Aucune structure de l’annuaire ne correspond : saisissez son identifiant ci-dessous.
            </Text>
          )}
          {debounced !== '' &&
            found.data?.organisations.slice(0, 8).map((candidate) => (
              <Paper key={candidate.organisationId} withBorder p="xs" radius="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <div>
                    <Text size="sm" fw={500}>
                      {candidate.legalName}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {ORGANISATION_KIND[candidate.kind] ?? candidate.kind} · {candidate.identifier}
                      {candidate.territories.length > 0 &&
                        ` · ${candidate.territories.map((t) => t.name).join(', ')}`}
                    </Text>
                  </div>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onPick(candidate)}
                    aria-label={`Choisir ${candidate.legalName}`}
                  >
                    Choisir
                  </Button>
                </Group>
              </Paper>
            ))}
        </Stack>
      )}
    </Stack>
  );
}

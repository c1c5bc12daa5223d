import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, DocumentDto, JobStatusDto } from '../api/schema';
import { useRefreshBid } from '../bids/queries';
import { ConfirmModal } from '../ui/ConfirmModal';
import { FailureAlert } from '../ui/FailureAlert';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { ContractSettingsForm } from './ContractSettingsForm';
import { JobProgress } from './JobProgress';

type DocumentSet = 'CONVENTION' | 'EXPORTS';

const SET_LABEL: Record<DocumentSet, string> = {
  CONVENTION: 'Génération de la convention',
  EXPORTS: 'Génération des documents pour l’acheteur',
};

/** After the members agree, the statuses in which the buyer's documents may still be made. */
const EXPORT_STATUSES = new Set(['AGREED', 'SIGNING', 'SIGNED', 'SUBMITTED']);

interface Props {
  bid: BidDto;
  /** The allocation version the members approved; null before they do. */
  agreedVersion: number | null;
  /** The convention of the agreed version to freeze or sign: the latest one. */
  convention: DocumentDto | undefined;
}

/** The coordinator's steps: generate the convention and exports, freeze it, open signing. */
export function CoordinatorActions({ bid, agreedVersion, convention }: Props) {
  const [jobs, setJobs] = useState<Partial<Record<DocumentSet, string>>>({});
  const [confirming, confirm] = useDisclosure(false);
  const refresh = useRefreshBid(bid.id);

  const generate = useMutation({
    mutationFn: (set: DocumentSet) => {
      // The actions only show once a version is agreed (see below).
      if (agreedVersion === null)
        throw new Error('Aucune version de la répartition n’est approuvée.');
      return unwrap(
        api.POST('/api/bids/{bidId}/documents', {
          params: { path: { bidId: bid.id } },
          body: { allocationVersion: agreedVersion, set },
        }),
      );
    },
    onSuccess: (accepted, set) => setJobs((current) => ({ ...current, [set]: accepted.jobId })),
  });
  const generated = useCallback(
    (set: DocumentSet, job: JobStatusDto) => {
      if (job.state === 'completed') {
        notifications.show({
          color: 'green',
          message:
            set === 'CONVENTION'
              ? 'La convention est prête : relisez-la ci-dessous.'
              : 'Les documents pour l’acheteur sont prêts.',
        });
      }
      void refresh();
    },
    [refresh],
  );

  const freeze = useNotifiedMutation({
    mutationFn: (documentId: string) =>
      unwrap(
        api.POST('/api/bids/{bidId}/documents/{documentId}/freeze', {
          params: { path: { bidId: bid.id, documentId } },
        }),
      ),
    onSuccess: () => confirm.close(),
    refresh,
    success: 'La convention est figée : c’est elle que les membres signeront.',
  });

  const openSigning = useNotifiedMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/workflow/transitions', {
          params: { path: { bidId: bid.id } },
          body: { event: 'OPEN_SIGNING' },
        }),
      ),
    refresh,
    success: 'La signature est ouverte : chaque signataire est prévenu par mail.',
  });

  // Before the members agree, or once the bid is closed, the page's status line says why.
  if (agreedVersion === null || !EXPORT_STATUSES.has(bid.status)) return null;

  const agreed = bid.status === 'AGREED';
  const frozen = convention?.frozenAt != null;
  // A refused freeze shows in its dialog.
  const failure = generate.error ?? openSigning.error;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="coordinator-actions-title">
      <Stack gap="sm">
        <Title order={3} id="coordinator-actions-title">
          {agreed
            ? 'Préparer la convention (coordination)'
            : 'Documents pour l’acheteur (coordination)'}
        </Title>
        <ContractSettingsForm bid={bid} />
        <Text size="sm" c="dimmed">
          Les documents décrivent la version {agreedVersion} de la répartition, approuvée par les
          membres.
        </Text>
        <Group>
          {agreed && !frozen && (
            <Button
              onClick={() => generate.mutate('CONVENTION')}
              loading={generate.isPending && generate.variables === 'CONVENTION'}
            >
              Générer la convention
            </Button>
          )}
          <Button
            variant="outline"
            onClick={() => generate.mutate('EXPORTS')}
            loading={generate.isPending && generate.variables === 'EXPORTS'}
          >
            Générer les exports
          </Button>
          {agreed && convention && !frozen && (
            <Button color="orange" onClick={confirm.open}>
              Figer la convention
            </Button>
          )}
          {agreed && frozen && (
            <Button
              color="green"
              onClick={() => openSigning.mutate()}
              loading={openSigning.isPending}
            >
              Ouvrir la signature
            </Button>
          )}
        </Group>
        {agreed && !convention && (
          <Text size="sm">
            Générez d’abord la convention : vous pourrez la relire, puis la figer.
          </Text>
        )}
        {agreed && convention && !frozen && (
          <Text size="sm">
            Relisez la convention ci-dessous, puis figez-la : la signature s’ouvre ensuite.
          </Text>
        )}
        {(Object.entries(jobs) as [DocumentSet, string][]).map(([set, jobId]) => (
          <JobProgress
            key={jobId}
            jobId={jobId}
            label={SET_LABEL[set]}
            onFinished={(job) => generated(set, job)}
          />
        ))}
        <FailureAlert error={failure} />
      </Stack>

      <ConfirmModal
        opened={confirming}
        onClose={confirm.close}
        title="Figer la convention ?"
        centered
        error={freeze.error}
        confirmLabel="Figer définitivement"
        color="orange"
        pending={freeze.isPending}
        onConfirm={() => convention && freeze.mutate(convention.id)}
      >
        <Text>
          Une fois figée, la convention (version {convention?.version}) ne peut plus changer ni être
          supprimée : c’est exactement ce document que chaque membre signera.
        </Text>
      </ConfirmModal>
    </Paper>
  );
}

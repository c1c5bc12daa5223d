import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useBidContext, useWorkflow } from '../bids/queries';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Loading } from '../ui/Loading';
import { PageIntro } from '../ui/PageIntro';
import { CompareVersions } from './CompareVersions';
import type { Names } from './LotShares';
import { OverrideModal } from './OverrideModal';
import { ProposeVote } from './ProposeVote';
import { RunAllocation } from './RunAllocation';
import { VersionDetail } from './VersionDetail';
import { VersionsList } from './VersionsList';
import { useActiveChangeRequest, useVersion, useVersions } from './queries';
import { allocationBlockedReason } from './wording';

/** Statuses where only a change request can reopen the split: the only ones worth asking about. */
const AFTER_SIGNING = new Set(['SIGNING', 'SIGNED', 'SUBMITTED', 'AWARDED']);

/**
 * The split of every lot between the members: the coordinator computes it, adjusts a line by
 * hand and puts a version to the vote; every member reads each version and why it gets its share.
 */
export function AllocationPage() {
  const { bid, access } = useBidContext();
  const versions = useVersions(bid.id);
  const workflow = useWorkflow(bid.id);
  const changeRequest = useActiveChangeRequest(bid.id, AFTER_SIGNING.has(bid.status));
  const [chosen, setChosen] = useState<number | null>(null);
  const [overriding, override] = useDisclosure(false);

  const vote = workflow.data?.vote ?? null;
  const voted = bid.status === 'PROPOSED' && vote ? vote.versionNumber : null;
  // By default the version being voted on, else the latest.
  const shown = chosen ?? voted ?? versions.data?.[0]?.number ?? null;
  const version = useVersion(bid.id, shown);
  const activeChange = changeRequest.data ?? null;
  const blocked = allocationBlockedReason(bid, activeChange);

  const names = useMemo<Names>(() => {
    const members = new Map(bid.members.map((m) => [m.key, m.organisation.legalName]));
    const cells = new Map(
      bid.lots.flatMap((lot) =>
        lot.cells.map((cell) => [
          `${lot.number}|${cell.territory}`,
          cell.label ?? cell.territoryName,
        ]),
      ),
    );
    return {
      member: (key) => members.get(key) ?? key,
      territory: (lot, code) => cells.get(`${lot}|${code}`) ?? code,
      own: new Set(
        [...access.editableMembers, ...access.signatoryMembers].map((member) => member.key),
      ),
    };
  }, [bid, access]);

  return (
    <Stack gap="lg">
      <PageIntro title="Répartition">
        Les heures et le montant de chaque lot sont partagés par un calcul vérifiable : couvrir
        d’abord toute la demande possible, puis privilégier les territoires principaux de chacun,
        enfin garantir à chaque membre la même part minimale de son offre.
      </PageIntro>

      {access.isCoordinator && (
        <Paper withBorder p="md" component="section" aria-labelledby="run-title">
          <Title order={3} size="h4" id="run-title" mb="sm">
            Calculer la répartition
          </Title>
          {blocked ? (
            <Text>{blocked}</Text>
          ) : (
            <RunAllocation bidId={bid.id} onStart={() => setChosen(null)} />
          )}
        </Paper>
      )}

      {voted !== null && (
        <Alert color="violet" title={`La version ${voted} est soumise au vote`}>
          Chaque membre l’approuve ou s’y oppose sur la page{' '}
          <Anchor component={Link} to={`/candidatures/${bid.id}/decision`} inherit>
            Décision
          </Anchor>
          .
        </Alert>
      )}

      <section aria-labelledby="versions-title">
        <Title order={3} size="h4" id="versions-title" mb="sm">
          Versions
        </Title>
        {versions.isPending ? (
          <Loading label="Chargement des versions" />
        ) : versions.isError ? (
          <ErrorPanel error={versions.error} title="Impossible d’afficher les versions" />
        ) : versions.data.length === 0 ? (
          <Text c="dimmed">
            {access.isCoordinator
              ? 'Aucune version pour l’instant : lancez la répartition une fois l’appel à capacités clos.'
              : 'Le coordinateur n’a pas encore calculé la répartition. Vous la verrez ici, avec l’explication de votre part.'}
          </Text>
        ) : (
          <VersionsList versions={versions.data} shown={shown} voted={voted} onShow={setChosen} />
        )}
      </section>

      {shown !== null &&
        (version.isPending ? (
          <Loading label={`Chargement de la version ${shown}`} />
        ) : version.isError ? (
          <ErrorPanel error={version.error} title={`Impossible d’afficher la version ${shown}`} />
        ) : (
          <>
            <VersionDetail
              bid={bid}
              version={version.data}
              names={names}
              actions={
                access.isCoordinator &&
                !blocked && (
                  <Paper withBorder p="md">
                    <Stack gap="sm">
                      <ProposeVote
                        bidId={bid.id}
                        version={version.data.number}
                        uncovered={version.data.result.uncovered}
                        changeRequest={activeChange}
                      />
                      <Group>
                        <Button variant="default" onClick={override.open}>
                          Modifier à la main
                        </Button>
                        <Text size="sm" c="dimmed">
                          Pour déplacer des heures d’un membre à un autre ou corriger celles d’un
                          membre sur un territoire ; le motif est conservé.
                        </Text>
                      </Group>
                    </Stack>
                  </Paper>
                )
              }
            />
            {access.isCoordinator && !blocked && (
              <OverrideModal
                bid={bid}
                version={version.data}
                names={names}
                opened={overriding}
                onClose={override.close}
                onCreated={(number) => {
                  override.close();
                  setChosen(number);
                }}
              />
            )}
          </>
        ))}

      {versions.data && versions.data.length > 0 && (
        <section aria-labelledby="compare-title">
          <Title order={3} size="h4" id="compare-title" mb="sm">
            Comparer deux versions
          </Title>
          <CompareVersions bidId={bid.id} versions={versions.data} names={names} />
        </section>
      )}
    </Stack>
  );
}

import { Alert, Anchor, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../auth/session';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Loading } from '../ui/Loading';
import { ConsultationForm } from './ConsultationForm';
import { ImportPanel } from './ImportPanel';

/**
 * A network's coordinator creates a bid: by importing a scenario file, or by typing the tender,
 * its lots and the mandataire; the partners are invited afterwards from the members page.
 */
export function NewBidPage() {
  const me = useMe();
  const coordinated = new Set(me.data?.roles.coordinatorOf);
  const networks = (me.data?.networks ?? []).filter((network) => coordinated.has(network.id));
  const [picked, setPicked] = useState<string | null>(null);
  const networkId = picked ?? networks[0]?.id ?? null;

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorPanel error={me.error} />;

  return (
    <Stack maw={960} mx="auto">
      <Anchor component={Link} to="/" size="sm">
        ← Mes candidatures
      </Anchor>
      <Title order={1}>Nouvelle candidature</Title>
      {networkId === null ? (
        <Alert color="blue" title="Réservé aux coordinateurs de réseau" role="status">
          Seul le coordinateur d’un réseau crée une candidature groupée. Si votre structure doit
          rejoindre un groupement, le coordinateur vous invitera par mail.
        </Alert>
      ) : (
        <>
          <Text>
            Importez le fichier de scénario préparé pour la consultation, ou saisissez-la ici. Vous
            inviterez ensuite les partenaires du groupement depuis la page des membres.
          </Text>
          {networks.length > 1 && (
            <Select
              label="Réseau qui porte la candidature"
              description="Vous coordonnez plusieurs réseaux : la candidature appartiendra à celui-ci."
              data={networks.map((network) => ({ value: network.id, label: network.name }))}
              value={networkId}
              onChange={(value) => value && setPicked(value)}
              allowDeselect={false}
              maw={480}
            />
          )}
          <Tabs defaultValue="import">
            <Tabs.List>
              <Tabs.Tab value="import">Importer un fichier</Tabs.Tab>
              <Tabs.Tab value="form">Saisir la consultation</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="import" pt="md">
              <ImportPanel key={networkId} networkId={networkId} />
            </Tabs.Panel>
            <Tabs.Panel value="form" pt="md">
              <ConsultationForm networkId={networkId} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}

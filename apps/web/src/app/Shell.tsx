import { Anchor, AppShell, Button, Center, Group, Loader, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { ME_KEY, useMe } from '../auth/session';
import { ErrorPanel } from '../ui/ErrorPanel';

/** The frame of every page once signed in: the header, and the page below. */
export function Shell() {
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  const signedOut = () => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
  };
  const logout = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSuccess: signedOut,
  });
  // Every session of the person, on every device: after a lost phone or a shared computer.
  const logoutEverywhere = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout-all')),
    onSuccess: ({ sessionsClosed }) => {
      notifications.show({
        color: 'green',
        message:
          sessionsClosed > 1
            ? `Vous êtes déconnecté de vos ${sessionsClosed} sessions, sur tous vos appareils.`
            : 'Vous êtes déconnecté de tous vos appareils.',
      });
      signedOut();
    },
    onError: () =>
      notifications.show({
        color: 'red',
        message: 'La déconnexion de tous les appareils a échoué : réessayez.',
      }),
  });

  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader role="status" aria-label="Chargement" />
      </Center>
    );
  if (me.isError) return <ErrorPanel error={me.error} />;
  if (!me.data) return <Navigate to="/connexion" replace state={{ from: location.pathname }} />;
  const coordinated = me.data.roles.coordinatorOf;

  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
            Cordage
          </Anchor>
          <Group gap="sm" wrap="nowrap">
            {coordinated.map((networkId, index) => {
              const suffix = coordinated.length > 1 ? ` ${index + 1}` : '';
              return (
                <Group key={networkId} gap="sm" wrap="nowrap">
                  <Anchor component={Link} to={`/reseaux/${networkId}/annuaire`} size="sm">
                    Annuaire{suffix}
                  </Anchor>
                  <Anchor component={Link} to={`/reseaux/${networkId}/charte`} size="sm">
                    Charte{suffix}
                  </Anchor>
                </Group>
              );
            })}
            {me.data.user.platformAdmin && (
              <Anchor component={Link} to="/administration/courriels" size="sm">
                Courriels
              </Anchor>
            )}
            <Text size="sm" visibleFrom="sm">
              {me.data.user.email}
            </Text>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="subtle" size="compact-sm">
                  Ma session
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => logout.mutate()}>Se déconnecter</Menu.Item>
                <Menu.Item onClick={() => logoutEverywhere.mutate()}>
                  Se déconnecter de tous les appareils
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

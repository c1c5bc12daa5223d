import { Anchor, AppShell, Button, Center, Group, Loader, Text } from '@mantine/core';
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
  const logout = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
    },
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
            {coordinated.map((networkId, index) => (
              <Anchor
                key={networkId}
                component={Link}
                to={`/reseaux/${networkId}/annuaire`}
                size="sm"
              >
                {coordinated.length > 1 ? `Annuaire ${index + 1}` : 'Annuaire'}
              </Anchor>
            ))}
            <Text size="sm" visibleFrom="sm">
              {me.data.user.email}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => logout.mutate()}>
              Se déconnecter
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

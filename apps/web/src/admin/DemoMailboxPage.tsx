import { Alert, Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Loading } from '../ui/Loading';
import { formatDateTime } from '../ui/format';

/**
 * The platform administrators' view of the demonstration mailbox (MAIL_MODE=log): the mails
 * Cordage would have sent, with their links and codes, newest first; empty once mail goes out.
 */
export function DemoMailboxPage() {
  const mailbox = useQuery({
    queryKey: ['admin', 'mails'],
    queryFn: () => unwrap(api.GET('/api/admin/mails')),
  });
  if (mailbox.isPending) return <Loading />;
  if (mailbox.isError) {
    return (
      <ErrorPanel error={mailbox.error}>
        <Text mt="sm">
          <Anchor component={Link} to="/">
            Retour aux candidatures
          </Anchor>
        </Text>
      </ErrorPanel>
    );
  }
  const { demo, notice, mails } = mailbox.data;
  return (
    <Stack maw={900} mx="auto">
      <Title order={1}>Courriels de démonstration</Title>
      <Alert color={demo ? 'orange' : 'blue'} title={demo ? 'Non envoyés' : 'Envoyés par SMTP'}>
        {notice}
      </Alert>
      {mails.length === 0 ? (
        <Text>Aucun courriel ici.</Text>
      ) : (
        mails.map((mail) => (
          <Card key={mail.id} withBorder component="article" aria-label={mail.subject}>
            <Title order={2} size="h4">
              {mail.subject}
            </Title>
            <Text size="sm" c="gray.7">
              À {mail.recipient}, le {formatDateTime(mail.createdAt)}
            </Text>
            <Text mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {mail.body}
            </Text>
          </Card>
        ))
      )}
    </Stack>
  );
}

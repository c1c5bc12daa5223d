import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDate } from '../ui/format';
import { MEMBER_STATUS } from '../ui/labels';
import { lotName, useEngagements } from './queries';

/**
 * « Mes sous-traitances » on the home page: where the person's organisations work for a member of
 * a bid, whom for, on which lots, and the way back to their own page (for one who lost the mail).
 * Shown only when there is one.
 */
export function MyEngagements() {
  const engagements = useEngagements();
  if (engagements.isError) {
    return (
      <ErrorPanel error={engagements.error} title="Impossible d’afficher vos sous-traitances" />
    );
  }
  if (!engagements.data || engagements.data.length === 0) return null;

  return (
    <section aria-labelledby="engagements-title">
      <Title order={2} size="h3" id="engagements-title" mb="sm">
        Mes sous-traitances
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {engagements.data.map((engagement) => {
          const status = MEMBER_STATUS[engagement.status] ?? {
            label: engagement.status,
            color: 'gray',
          };
          return (
            <Card key={engagement.memberId} withBorder radius="md">
              <Stack gap={6}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Anchor
                    component={Link}
                    to={`/sous-traitance/${engagement.bidId}/${engagement.memberId}`}
                    fw={600}
                  >
                    {engagement.tender.title}
                  </Anchor>
                  <Badge color={status.color} variant="light">
                    {status.label}
                  </Badge>
                </Group>
                <Text size="sm" c="gray.7">
                  {engagement.tender.reference} · avant le {formatDate(engagement.tender.deadline)}
                </Text>
                <Text size="sm">
                  {engagement.legalName}, sous-traitant de {engagement.principal.legalName}
                </Text>
                {engagement.lots.length > 0 && (
                  <Text size="sm" c="gray.7">
                    {engagement.lots.map(lotName).join(' · ')}
                  </Text>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

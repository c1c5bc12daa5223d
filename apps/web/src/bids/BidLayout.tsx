import {
  Anchor,
  Badge,
  Button,
  Divider,
  Group,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { useMe } from '../auth/session';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDate } from '../ui/format';
import { statusOf } from '../ui/labels';
import { Loading } from '../ui/Loading';
import { useBidEvents } from './liveEvents';
import { type BidContext, accessOf, useBid } from './queries';

const SECTIONS = [
  { path: 'apercu', label: 'Aperçu' },
  { path: 'membres', label: 'Membres' },
  { path: 'repartition', label: 'Répartition' },
  { path: 'decision', label: 'Décision' },
  { path: 'convention', label: 'Convention' },
  { path: 'avis-rectificatifs', label: 'Avis rectificatifs' },
  { path: 'historique', label: 'Historique' },
] as const;

/** After the award: the lots won, the months declared, the plan against what was done. */
const AFTER_AWARD = [
  { path: 'attribution', label: 'Attribution' },
  { path: 'bons-de-commande', label: 'Bons de commande' },
  { path: 'realise', label: 'Déclarer le réalisé' },
  { path: 'suivi', label: 'Prévu et réalisé' },
  { path: 'nouvelle-repartition', label: 'Nouvelle répartition' },
  { path: 'rapports', label: 'Rapports' },
  { path: 'renouveler', label: 'Renouveler' },
] as const;

type Section = { path: string; label: string };

/** Once the convention is signed: a member who leaves, by a change request (R2142-26). */
const AFTER_SIGNATURE = new Set(['SIGNED', 'SUBMITTED', 'AWARDED', 'LOST']);
const CHANGES: Section = { path: 'modifications', label: 'Modifications' };

/**
 * The bid's sections: the changes of membership once the convention is signed, those of the
 * follow-up once the bid is awarded.
 */
function sectionsOf(status: string): readonly Section[] {
  const before = SECTIONS.slice(0, -1);
  const history = SECTIONS.slice(-1);
  const changes = AFTER_SIGNATURE.has(status) ? [CHANGES] : [];
  return status === 'AWARDED'
    ? [...before, ...changes, ...AFTER_AWARD, ...history]
    : [...before, ...changes, ...history];
}

/** One bid: its title and status, its sections as tabs, and the section below. */
export function BidLayout() {
  const { bidId = '' } = useParams();
  const bid = useBid(bidId);
  const me = useMe();
  // Whoever may read the bid sees its pages change as partners declare, vote and sign.
  useBidEvents(bidId);
  const location = useLocation();

  if (bid.isPending || me.isPending) return <Loading />;
  if (bid.isError) {
    return (
      <ErrorPanel error={bid.error}>
        <Text size="sm" mt="xs">
          <Anchor component={Link} to="/">
            Revenir à mes candidatures
          </Anchor>
        </Text>
      </ErrorPanel>
    );
  }
  if (!me.data) return null;

  const base = `/candidatures/${bidId}`;
  // The overview is the bid's own address; Mantine's tabs need a non-empty value for it.
  const sections = sectionsOf(bid.data.status);
  const current =
    sections.slice(1).find((section) => location.pathname.startsWith(`${base}/${section.path}`))
      ?.path ?? 'apercu';
  const context: BidContext = { bid: bid.data, me: me.data, access: accessOf(bid.data, me.data) };
  const status = statusOf(bid.data.status);

  return (
    <Stack maw={1200} mx="auto" gap="md">
      <div>
        <Anchor component={Link} to="/" size="sm">
          ← Mes candidatures
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1} size="h2">
              {bid.data.tender.title}
            </Title>
            <Text c="dimmed">
              {bid.data.tender.reference} · {bid.data.tender.buyer.name} · dépôt avant le{' '}
              {formatDate(bid.data.tender.deadline)}
            </Text>
          </div>
          <Badge size="lg" color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
      </div>
      <SectionNav base={base} current={current} sections={sections} />
      <Divider />
      <Outlet context={context} />
    </Stack>
  );
}

/**
 * The bid's sections as links, not tabs: each has its own address, shareable and kept by the
 * browser. On a phone the row scrolls sideways; the current section is brought into view.
 */
function SectionNav({
  base,
  current,
  sections,
}: {
  base: string;
  current: string;
  sections: readonly Section[];
}) {
  const active = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    // 'nearest': only sideways within the row, never the page itself.
    active.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group component="nav" aria-label="Rubriques de la candidature" gap={4} wrap="nowrap">
        {sections.map((section) => {
          const isActive = section.path === current;
          return (
            <Button
              key={section.path}
              ref={isActive ? active : undefined}
              component={Link}
              to={section.path === 'apercu' ? base : `${base}/${section.path}`}
              variant={isActive ? 'light' : 'subtle'}
              aria-current={isActive ? 'page' : undefined}
              style={{ flexShrink: 0 }}
            >
              {section.label}
            </Button>
          );
        })}
      </Group>
    </ScrollArea>
  );
}

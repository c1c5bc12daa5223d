import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { BidDto, MissingDeclarationsDto } from '../api/schema';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDate } from '../ui/format';
import { Loading } from '../ui/Loading';
import { Section } from '../ui/Section';
import { periodShortLabel, type runningLots } from './model';
import { afterAwardKeys, useMissing } from './queries';

type Missing = MissingDeclarationsDto['missing'][number];

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/**
 * The coordinator's « Déclarations manquantes »: who has not declared a month that is over, when
 * they were last reminded, and « Relancer », which reminds each one once per month missing.
 */
export function MissingDeclarations({
  bid,
  lots,
}: {
  bid: BidDto;
  lots: ReturnType<typeof runningLots>;
}) {
  const queryClient = useQueryClient();
  const missing = useMissing(bid.id, true);
  const remind = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/realised/reminders', { params: { path: { bidId: bid.id } } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: afterAwardKeys.missing(bid.id) }),
  });

  const monthOf = (lot: number, period: number) => {
    const found = lots
      .find((l) => l.lot === lot)
      ?.contract.periods.find((p) => p.number === period);
    return found ? periodShortLabel(found) : `période ${period}`;
  };
  const rows = missing.data?.missing ?? [];
  const byMember = new Map<string, Missing[]>();
  for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
  const reminded = rows.map((row) => row.lastRemindedAt).filter((at): at is string => at !== null);
  const lastReminder = reminded.length > 0 ? reminded.sort().at(-1) : undefined;

  return (
    <Section title="Déclarations manquantes" titleId="missing">
      {missing.isPending ? (
        <Loading />
      ) : missing.isError ? (
        <ErrorPanel
          error={missing.error}
          title="Impossible d’afficher les déclarations manquantes"
        />
      ) : (
        <Stack gap="sm">
          {rows.length === 0 ? (
            <Text size="sm">Toutes les structures ont déclaré les mois échus.</Text>
          ) : (
            <>
              <Text size="sm">
                {plural(byMember.size, 'structure')} n’
                {byMember.size > 1 ? 'ont' : 'a'} pas déclaré tous les mois échus.
                {lastReminder
                  ? ` Dernière relance le ${formatDate(lastReminder)}.`
                  : ' Aucune relance pour l’instant.'}
              </Text>
              <List size="sm" spacing={4} aria-labelledby="missing">
                {[...byMember.values()].map((own) => {
                  const first = own[0] as Missing;
                  const byLot = new Map<number, Missing[]>();
                  for (const row of own) byLot.set(row.lot, [...(byLot.get(row.lot) ?? []), row]);
                  const dates = own
                    .map((row) => row.lastRemindedAt)
                    .filter((at): at is string => at !== null)
                    .sort();
                  const notYet = own.length - dates.length;
                  const last = dates.at(-1);
                  return (
                    <List.Item key={first.memberId}>
                      <Text span fw={600} size="sm">
                        {first.name}
                      </Text>{' '}
                      :{' '}
                      {[...byLot.entries()]
                        .map(
                          ([lot, rows]) =>
                            `lot ${lot}, ${rows.map((row) => monthOf(row.lot, row.period)).join(', ')}`,
                        )
                        .join(' ; ')}{' '}
                      <Text span size="sm" c="dimmed">
                        (
                        {last === undefined
                          ? 'pas encore relancée'
                          : `relancée le ${formatDate(last)}` +
                            (notYet > 0 ? ` ; ${notYet} mois pas encore relancés` : '')}
                        )
                      </Text>
                    </List.Item>
                  );
                })}
              </List>
            </>
          )}
          <Group>
            <Button
              onClick={() => remind.mutate()}
              loading={remind.isPending}
              disabled={rows.length === 0}
            >
              Relancer
            </Button>
            <Text size="xs" c="dimmed">
              Un courriel par structure, une seule fois par mois manquant, quel que soit le nombre
              de clics.
            </Text>
          </Group>
          {remind.isSuccess && (
            <Alert color="green" role="status">
              Relance envoyée : {plural(remind.data.members, 'structure')}, {remind.data.periods}{' '}
              mois manquant{remind.data.periods > 1 ? 's' : ''}.
            </Alert>
          )}
          {remind.isError && (
            <Alert color="orange" role="alert">
              {messageOf(remind.error)}
            </Alert>
          )}
        </Stack>
      )}
    </Section>
  );
}

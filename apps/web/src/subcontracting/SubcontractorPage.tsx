import { Badge, Button, Fieldset, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { readDecimal } from '@cordage/domain/french-decimal';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/errors';
import { ReasonModal } from '../members/ReasonModal';
import { DecimalInput } from '../ui/DecimalInput';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { formatHours, formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { MEMBER_STATUS } from '../ui/labels';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { type OwnView, lotName, useOwnView, useRefreshOwnView } from './queries';

const cellKey = (lot: number, territory: string) => `${lot}|${territory}`;

/** The hours typed, by cell, from what was declared before. */
function initialHours(view: OwnView): Record<string, string> {
  const hours: Record<string, string> = {};
  for (const lot of view.lots)
    for (const cell of lot.cells)
      hours[cellKey(lot.number, cell.territory)] =
        cell.hours === null ? '' : formatNumber(cell.hours);
  return hours;
}

/**
 * A subcontractor's own page, made for a phone: accept its principal's invitation, then say how
 * many hours it can lend on each of its principal's lots and territories. Nothing else of the bid.
 */
export function SubcontractorPage() {
  const { bidId = '', memberId = '' } = useParams();
  const view = useOwnView(bidId, memberId);
  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorPanel error={view.error} />;
  return <Subcontracting bidId={bidId} memberId={memberId} view={view.data} />;
}

function Subcontracting({
  bidId,
  memberId,
  view,
}: {
  bidId: string;
  memberId: string;
  view: OwnView;
}) {
  const refresh = useRefreshOwnView(bidId, memberId);
  const [hours, setHours] = useState(() => initialHours(view));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [declining, setDeclining] = useState(false);
  const path = { bidId, subcontractorId: memberId };
  const status = MEMBER_STATUS[view.status] ?? { label: view.status, color: 'gray' };
  const declaring = view.status === 'ACCEPTED' || view.status === 'DATA_COMPLETE';
  const principal = view.principal.legalName;

  const accept = useNotifiedMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/subcontractors/{subcontractorId}/accept', { params: { path } }),
      ),
    refresh,
    success: `Vous travaillez avec ${principal}.`,
  });
  const cells = view.lots.flatMap((lot) => lot.cells.map((cell) => ({ lot: lot.number, ...cell })));
  // What was sent, to put each refused line back next to its field.
  const lastSent = useRef<{ lot: number; territory: string; hours: number }[]>([]);
  const declare = useNotifiedMutation({
    mutationFn: (capacities: { lot: number; territory: string; hours: number }[]) =>
      unwrap(
        api.PUT('/api/bids/{bidId}/subcontractors/{subcontractorId}/capacities', {
          params: { path },
          body: { capacities },
        }),
      ),
    refresh,
    success: (saved) => `Déclaration enregistrée : ${formatHours(saved.hours)} pour ${principal}.`,
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const next: Record<string, string> = {};
      for (const problem of error.problems) {
        const index = /^capacities\[(\d+)\]/.exec(problem.path)?.[1];
        const sent = index === undefined ? undefined : lastSent.current[Number(index)];
        if (sent) next[cellKey(sent.lot, sent.territory)] = problem.message;
      }
      setFieldErrors(next);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const capacities: { lot: number; territory: string; hours: number }[] = [];
    for (const cell of cells) {
      const key = cellKey(cell.lot, cell.territory);
      const reading = readDecimal(hours[key] ?? '', { maxDecimals: 2 });
      if (reading.kind === 'invalid') errors[key] = reading.message;
      else if (reading.kind === 'number' && reading.value > 0)
        capacities.push({ lot: cell.lot, territory: cell.territory, hours: reading.value });
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    lastSent.current = capacities;
    declare.mutate(capacities);
  };

  return (
    <Stack gap="md" maw={640}>
      <div>
        <Title order={2}>Sous-traitance pour {principal}</Title>
        <Text size="sm" c="gray.7">
          {view.legalName} · candidature « {view.tender.title} » ({view.tender.reference})
        </Text>
      </div>
      <Group>
        <Text size="sm">Votre réponse :</Text>
        <Badge color={status.color} variant="light">
          {status.label}
        </Badge>
      </Group>

      {(view.status === 'INVITED' || view.status === 'DECLINED') && (
        <Stack gap="sm">
          <Text>
            {principal} vous propose de travailler en sous-traitance sur ses lots. Acceptez pour
            dire combien d’heures vous pouvez lui apporter, ou déclinez en disant pourquoi.
          </Text>
          <FailureAlert error={accept.error} />
          <Group grow>
            <Button loading={accept.isPending} onClick={() => accept.mutate()}>
              Accepter
            </Button>
            {view.status === 'INVITED' && (
              <Button variant="default" onClick={() => setDeclining(true)}>
                Décliner
              </Button>
            )}
          </Group>
        </Stack>
      )}

      {declaring && (
        <form noValidate onSubmit={submit}>
          <Stack gap="md">
            <Text size="sm">
              Pour {principal}, pas pour l’acheteur : dites combien d’heures vous pouvez apporter
              sur chaque territoire de ses lots. Laissez vide là où vous n’intervenez pas.
            </Text>
            {view.lots.length === 0 && (
              <Text size="sm">{principal} n’a encore d’offre sur aucun lot.</Text>
            )}
            {view.lots.map((lot) => (
              <Fieldset key={lot.number} legend={lotName(lot)}>
                <Stack gap="xs">
                  {lot.cells.map((cell) => {
                    const key = cellKey(lot.number, cell.territory);
                    return (
                      <DecimalInput
                        key={key}
                        label={cell.name}
                        unit="h"
                        maxDecimals={2}
                        value={hours[key] ?? ''}
                        error={fieldErrors[key]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setHours((before) => ({ ...before, [key]: value }));
                        }}
                      />
                    );
                  })}
                </Stack>
              </Fieldset>
            ))}
            <FailureAlert error={declare.error} title="La déclaration n’est pas enregistrée" />
            <Button type="submit" loading={declare.isPending} fullWidth>
              Enregistrer ma déclaration
            </Button>
          </Stack>
        </form>
      )}

      <ReasonModal
        opened={declining}
        onClose={() => setDeclining(false)}
        title={`Décliner la sous-traitance pour ${principal}`}
        explanation={`${principal} saura que vous ne travaillerez pas avec lui sur cette candidature, et pourquoi.`}
        reasonLabel="Raison"
        confirmLabel="Décliner"
        send={(reason) =>
          unwrap(
            api.POST('/api/bids/{bidId}/subcontractors/{subcontractorId}/decline', {
              params: { path },
              body: { reason },
            }),
          )
        }
        onDone={() => {
          setDeclining(false);
          void refresh();
        }}
      />
    </Stack>
  );
}

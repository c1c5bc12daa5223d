import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { type Resolver, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { ApiError, messageOf, type Problem } from '../api/errors';
import {
  consultationSchema,
  type ConsultationValues,
  emptyConsultation,
  fieldOfProblem,
  lotValuesOf,
  toTender,
} from '../bid-creation/consultation';
import { refusalOf } from '../bid-creation/importJob';
import { RefusalPanel } from '../bid-creation/RefusalPanel';
import { TenderFields } from '../bid-creation/TenderFields';
import { sentence } from '../bid-creation/words';
import { useBidContext } from '../bids/queries';
import { fieldBinder } from '../ui/fields';
import { showProblems } from '../ui/problems';
import { useRenew, useRenewal } from './queries';

const checkAll = zodResolver(consultationSchema);

/** Only the tender is typed here: the consortium and its members come from the finished bid. */
const tenderOnly: Resolver<ConsultationValues> = async (values, context, options) => {
  const result = await checkAll(values, context, options);
  const tender = result.errors.tender;
  if (tender) return { values: {}, errors: { tender } };
  return { values, errors: {} as Record<string, never> };
};

/**
 * « Renouveler » : the next tender of a finished bid, typed from the previous one's lots and
 * territories. The new bid starts as a draft in the same network; the members are invited again.
 */
export function RenewPage() {
  const { bid, access } = useBidContext();
  const navigate = useNavigate();
  const renewal = useRenewal(bid.id, access.isCoordinator);
  const renew = useRenew(bid.id);
  const [unplaced, setUnplaced] = useState<readonly Problem[]>([]);
  const { register, control, handleSubmit, formState, setError, getValues } =
    useForm<ConsultationValues>({
      resolver: tenderOnly,
      defaultValues: {
        ...emptyConsultation,
        tender: {
          ...emptyConsultation.tender,
          // A new tender has its own reference; the rest starts as the previous one's.
          reference: '',
          title: bid.tender.title,
          buyer: { ...bid.tender.buyer },
          reserved: bid.tender.reserved,
          exclusiveMembership: bid.tender.exclusiveMembership,
          lots: lotValuesOf(bid.lots),
        },
      },
    });
  const lots = useFieldArray({ control, name: 'tender.lots' });
  const typedLots = useWatch({ control, name: 'tender.lots' });
  const near = typedLots.flatMap((lot) => lot.cells.map((cell) => cell.parent || cell.territory));

  if (!access.isCoordinator) {
    return (
      <Alert color="blue" role="status" title="Réservé au coordinateur">
        Seul le coordinateur du réseau renouvelle un marché : il vous invitera dans la nouvelle
        candidature.
      </Alert>
    );
  }
  if (bid.status !== 'AWARDED') {
    return (
      <Alert color="blue" role="status" title="Pas encore de marché à renouveler">
        Un marché se renouvelle une fois attribué : enregistrez d’abord l’attribution de cette
        candidature.
      </Alert>
    );
  }

  const onValid = (values: ConsultationValues) => {
    setUnplaced([]);
    renew.mutate(toTender(values.tender), {
      onSuccess: (started) => void navigate(`/candidatures/${started.bidId}`),
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        const readable = new ApiError(
          error.status,
          error.code,
          error.message,
          error.problems.map((problem) => ({ ...problem, message: sentence(problem.message) })),
        );
        setUnplaced(showProblems(readable, setError, (path) => fieldOfProblem(path, getValues())));
      },
    });
  };
  const refusal = refusalOf(renew.error);
  const renewedBy = renewal.data?.renewedBy ?? [];

  return (
    <form onSubmit={(event) => void handleSubmit(onValid)(event)} noValidate>
      <Stack gap="lg">
        <div>
          <Title order={2} size="h3">
            Renouveler le marché
          </Title>
          <Text size="sm" mt={4}>
            Saisissez la nouvelle consultation : ses lots et territoires partent de ceux de ce
            marché, modifiez-les (montants, territoires retirés ou ajoutés, nouveau lot). Cordage
            crée une candidature en brouillon dans le même réseau : les membres restés sont invités
            à nouveau, acceptent eux-mêmes et confirment leurs offres ; leurs offres, plafonds et la
            dernière répartition signée leur sont proposés, avec les écarts à relire.
          </Text>
        </div>
        {renewedBy.length > 0 && (
          <Alert color="blue" role="status" title="Ce marché a déjà été renouvelé">
            <List size="sm">
              {renewedBy.map((next) => (
                <List.Item key={next.bidId}>
                  <Anchor component={Link} to={`/candidatures/${next.bidId}`}>
                    {next.reference} — {next.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <TenderFields
          control={control}
          field={fieldBinder({ register, formState })}
          busy={renew.isPending}
          near={near}
          lots={lots}
        />
        {refusal ? (
          <RefusalPanel
            refusal={refusal}
            problems={unplaced}
            advice="Corrigez les champs signalés puis renouvelez à nouveau."
          />
        ) : (
          renew.isError && (
            <Alert color="red" role="alert">
              {messageOf(renew.error)}
            </Alert>
          )
        )}
        <Group>
          <Button type="submit" loading={renew.isPending}>
            Créer la candidature renouvelée
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

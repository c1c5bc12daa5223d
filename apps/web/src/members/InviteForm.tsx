import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { ApiError, type Problem, unwrap } from '../api/errors';
import type { InvitationDto } from '../api/schema';
import { DecimalInput } from '../ui/DecimalInput';
import { decimalValue } from '@cordage/domain/french-decimal';
import { fieldBinder } from '../ui/fields';
import { parseEuros } from '../ui/format';
import { ORGANISATION_KIND, optionsOf, withChoose } from '../ui/labels';
import { showProblems } from '../ui/problems';
import {
  IDENTIFIER_SCHEME_OPTIONS,
  IDENTIFIER_SCHEMES,
  identifierProblem,
  normalizeIdentifier,
} from '../ui/identifiers';
import { sentence } from '../ui/sentence';
import { TerritoryField } from '../ui/TerritorySelect';
import { capitalised, refusalLines } from './forms';
import { useBid } from '../bids/queries';
import { useRefreshBid } from './queries';
import { DirectoryPick } from '../subcontracting/DirectoryPick';
import type { DirectoryCandidate } from '../subcontracting/queries';

type Kind = NonNullable<InvitationDto['organisation']>['kind'];

const ROLES = [
  { value: 'COTRAITANT', label: 'Cotraitant' },
  { value: 'MANDATAIRE', label: 'Mandataire (représente le groupement auprès de l’acheteur)' },
  { value: 'SOUS_TRAITANT', label: 'Sous-traitant d’un membre' },
];

const schema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, 'Indiquez l’adresse e-mail de la personne à inviter.')
      .pipe(z.email('Cette adresse e-mail n’est pas valide (exemple : nom@structure.fr).')),
    idScheme: z.enum(IDENTIFIER_SCHEMES),
    id: z.string().trim().min(1, 'Indiquez le numéro d’identification de la structure.'),
    signatory: z.boolean(),
    role: z.enum(['COTRAITANT', 'MANDATAIRE', 'SOUS_TRAITANT']),
    subcontract: z.object({
      principalMemberId: z.string(),
      lot: z.string(),
      nature: z.string().trim().max(2000, 'La nature tient en 2 000 caractères au plus.'),
      maxAmount: z.string().trim(),
    }),
    newOrganisation: z.boolean(),
    organisation: z.object({
      legalName: z.string().trim().max(300, 'La raison sociale tient en 300 caractères au plus.'),
      kind: z.string(),
      employees: z.string().trim(),
      home: z.string(),
      representative: z.object({
        name: z.string().trim().max(200, 'Le nom tient en 200 caractères au plus.'),
        title: z.string().trim().max(200, 'La qualité tient en 200 caractères au plus.'),
      }),
    }),
  })
  .superRefine((form, ctx) => {
    const problem = form.id ? identifierProblem(form.idScheme, form.id) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['id'], message: sentence(problem) });
    if (form.role === 'SOUS_TRAITANT') {
      const sub = form.subcontract;
      const needed = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['subcontract', path], message });
      if (!sub.principalMemberId)
        needed('principalMemberId', 'Choisissez le membre donneur d’ordre.');
      if (!sub.lot) needed('lot', 'Choisissez le lot.');
      if (sub.nature.length < 3) needed('nature', 'Décrivez les prestations sous-traitées.');
      const cents = parseEuros(sub.maxAmount);
      if (cents === null || cents <= 0) {
        needed('maxAmount', 'Indiquez le montant maximum en euros HT, par exemple 12 500,50.');
      }
    }
    if (!form.newOrganisation) return;
    const missing = (path: string[], message: string) =>
      ctx.addIssue({ code: 'custom', path: ['organisation', ...path], message });
    const o = form.organisation;
    if (!o.legalName) missing(['legalName'], 'Indiquez la raison sociale.');
    if (!o.kind) missing(['kind'], 'Choisissez le type de structure.');
    if (decimalValue(o.employees, { integer: true }) === null) {
      missing(['employees'], 'Indiquez le nombre de salariés : un nombre entier, 0 ou plus.');
    }
    if (!o.home) missing(['home'], 'Choisissez la commune du siège.');
    if (!o.representative.name) {
      missing(['representative', 'name'], 'Indiquez le nom du représentant légal.');
    }
    if (!o.representative.title) {
      missing(['representative', 'title'], 'Indiquez sa qualité (par exemple : directrice).');
    }
  });
type InviteForm = z.infer<typeof schema>;

const EMPTY: InviteForm = {
  email: '',
  idScheme: 'SIRET',
  id: '',
  signatory: false,
  role: 'COTRAITANT',
  subcontract: { principalMemberId: '', lot: '', nature: '', maxAmount: '' },
  newOrganisation: false,
  organisation: {
    legalName: '',
    kind: '',
    employees: '',
    home: '',
    representative: { name: '', title: '' },
  },
};

const FIELDS = new Set([
  'email',
  'idScheme',
  'id',
  'signatory',
  'role',
  'subcontract.principalMemberId',
  'subcontract.lot',
  'subcontract.nature',
  'organisation.legalName',
  'organisation.kind',
  'organisation.employees',
  'organisation.home',
  'organisation.representative.name',
  'organisation.representative.title',
]);

function toInvitation(form: InviteForm): InvitationDto {
  const o = form.organisation;
  return {
    email: form.email,
    idScheme: form.idScheme,
    id: normalizeIdentifier(form.id),
    signatory: form.signatory,
    role: form.role,
    ...(form.role === 'SOUS_TRAITANT' && {
      subcontract: {
        principalMemberId: form.subcontract.principalMemberId,
        lot: Number(form.subcontract.lot),
        nature: form.subcontract.nature,
        maxAmountCents: parseEuros(form.subcontract.maxAmount) ?? 0,
      },
    }),
    ...(form.newOrganisation && {
      organisation: {
        legalName: o.legalName,
        kind: o.kind as Kind,
        employees: decimalValue(o.employees, { integer: true }) ?? 0,
        home: o.home,
        representative: { name: o.representative.name, title: o.representative.title },
      },
    }),
  };
}

/**
 * The coordinator invites a structure by its identifier; Cordage mails its contact a sign-in link.
 * A structure Cordage does not know yet needs its record: the api says so, and the form opens it.
 * With `principal`, the same form invites that member's subcontractor (the same invitation and
 * link; the subcontractor signs nothing).
 */
export function InviteForm({
  bidId,
  onClose,
  principal,
  onInvited,
}: {
  bidId: string;
  onClose: () => void;
  principal?: { memberId: string; legalName: string };
  onInvited?: () => Promise<unknown>;
}) {
  const refreshBid = useRefreshBid(bidId);
  const refresh = onInvited ?? refreshBid;
  const { register, handleSubmit, formState, setError, setValue, control, reset } =
    useForm<InviteForm>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const [scheme, newOrganisation, role] = useWatch({
    control,
    name: ['idScheme', 'newOrganisation', 'role'],
  });
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const [unknownOrganisation, setUnknownOrganisation] = useState(false);
  const [picked, setPicked] = useState<DirectoryCandidate | null>(null);
  const pick = (candidate: DirectoryCandidate) => {
    setPicked(candidate);
    setValue('idScheme', candidate.idScheme);
    setValue('id', candidate.idValue, { shouldValidate: true });
    setValue('newOrganisation', false);
    if (candidate.contactEmail) setValue('email', candidate.contactEmail);
  };
  const field = fieldBinder({ register, formState });
  const bid = useBid(bidId).data;
  // Where the bid is: its cells' territories and its members' seats, for the commune search.
  const near = bid
    ? [
        ...bid.lots.flatMap((lot) => lot.cells.map((cell) => cell.parent ?? cell.territory)),
        ...bid.members.map((member) => member.organisation.home),
      ]
    : [];

  const invite = useMutation({
    mutationFn: (form: InviteForm) =>
      unwrap(
        principal
          ? api.POST('/api/bids/{bidId}/members/{memberId}/subcontractors', {
              params: { path: { bidId, memberId: principal.memberId } },
              body: { ...toInvitation(form), signatory: false },
            })
          : api.POST('/api/bids/{bidId}/invitations', {
              params: { path: { bidId } },
              body: toInvitation(form),
            }),
      ),
    onMutate: () => {
      setUnplaced([]);
      setUnknownOrganisation(false);
    },
    onSuccess: async (result, form) => {
      notifications.show({
        message:
          result.representation === 'PENDING'
            ? `Invitation envoyée à ${form.email}. Cette structure a déjà des représentants : ` +
              'la personne n’agira pour elle qu’une fois confirmée par eux.'
            : `Invitation envoyée à ${form.email} : la personne reçoit un lien pour répondre.`,
        color: 'green',
      });
      reset(EMPTY);
      onClose();
      await refresh();
    },
    onError: (error) => {
      // "Unknown organisation": open its record rather than showing a bare refusal.
      if (error instanceof ApiError && error.problems.some((p) => p.path === 'organisation')) {
        setValue('newOrganisation', true);
        setUnknownOrganisation(true);
      }
      setUnplaced(
        showProblems(error, capitalised(setError), (path) =>
          path === 'subcontract.maxAmountCents'
            ? 'subcontract.maxAmount'
            : FIELDS.has(path)
              ? path
              : null,
        ).filter((p) => p.path !== 'organisation'),
      );
    },
  });
  // The refusal's own message says the most (« X fait déjà partie de cette candidature. »).
  const refused = invite.isError && !(unknownOrganisation && unplaced.length === 0);
  const titleId = principal ? `invite-subcontractor-${principal.memberId}` : 'invite-title';

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <form
        noValidate
        onSubmit={(event) => void handleSubmit((form) => invite.mutate(form))(event)}
      >
        <Stack>
          <Title order={3} size="h4" id={titleId}>
            {principal
              ? `Inviter un sous-traitant de ${principal.legalName}`
              : 'Inviter une structure'}
          </Title>
          {principal && <DirectoryPick bidId={bidId} memberId={principal.memberId} onPick={pick} />}
          {picked && (
            <Alert color="green" role="status">
              Structure choisie : {picked.legalName} (
              {ORGANISATION_KIND[picked.kind] ?? picked.kind}, {picked.identifier}).
              {picked.contactEmail
                ? ' L’adresse de son contact est reprise ci-dessous : changez-la au besoin.'
                : ' Indiquez l’adresse e-mail de la personne qui répondra pour elle.'}
            </Alert>
          )}
          <TextInput
            maw={560}
            label="Adresse e-mail de la personne invitée"
            description="Elle reçoit un lien de connexion et répond pour sa structure."
            type="email"
            autoComplete="off"
            required
            {...field('email')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label="Identifiant de la structure"
              data={IDENTIFIER_SCHEME_OPTIONS}
              required
              {...field('idScheme')}
            />
            <TextInput
              label={`Numéro ${scheme}`}
              description="Les espaces et les points sont acceptés."
              inputMode="numeric"
              required
              {...field('id')}
            />
          </SimpleGrid>

          {!principal && (
            <>
              <NativeSelect
                maw={560}
                label="Rôle de la structure dans le groupement"
                data={ROLES}
                {...field('role')}
              />
              {role === 'MANDATAIRE' && bid && (
                <Alert color="yellow" role="status">
                  Elle remplacera {bid.consortium.mandataire.legalName} comme mandataire : c’est
                  elle qui représentera le groupement auprès de l’acheteur.
                </Alert>
              )}
              {role === 'SOUS_TRAITANT' && (
                <Fieldset legend="Sous-traitance (annexe de la convention, DC4)">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <NativeSelect
                      label="Sous-traitant de"
                      required
                      data={withChoose(
                        (bid?.members ?? [])
                          .filter(
                            (member) =>
                              member.role === 'COTRAITANT' &&
                              member.status !== 'WITHDRAWN' &&
                              member.status !== 'DECLINED',
                          )
                          .map((member) => ({
                            value: member.id,
                            label: member.organisation.legalName,
                          })),
                      )}
                      {...field('subcontract.principalMemberId')}
                    />
                    <NativeSelect
                      label="Lot"
                      required
                      data={withChoose(
                        (bid?.lots ?? []).map((lot) => ({
                          value: String(lot.number),
                          label: lot.title,
                        })),
                      )}
                      {...field('subcontract.lot')}
                    />
                    <TextInput
                      label="Prestations sous-traitées"
                      required
                      {...field('subcontract.nature')}
                    />
                    <DecimalInput
                      label="Montant maximum (€ HT)"
                      unit="€"
                      description="Par exemple 12 500 ou 12 500,50."
                      required
                      {...field('subcontract.maxAmount')}
                    />
                  </SimpleGrid>
                </Fieldset>
              )}
              <Checkbox
                label="Cette personne signera aussi la convention pour sa structure (représentante légale ou délégataire)"
                {...register('signatory')}
              />
            </>
          )}
          <Checkbox
            label="La structure n’est pas encore inscrite dans Cordage : je remplis sa fiche"
            {...register('newOrganisation')}
          />
          {unknownOrganisation && (
            <Alert color="yellow" role="alert">
              Cordage ne connaît pas encore cette structure : remplissez sa fiche ci-dessous, puis
              envoyez l’invitation.
            </Alert>
          )}

          {newOrganisation && (
            <Fieldset legend="Fiche de la structure">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Raison sociale" required {...field('organisation.legalName')} />
                <NativeSelect
                  label="Type de structure"
                  required
                  data={withChoose(optionsOf(ORGANISATION_KIND))}
                  {...field('organisation.kind')}
                />
                <DecimalInput
                  label="Nombre de salariés"
                  integer
                  required
                  {...field('organisation.employees')}
                />
                <TerritoryField
                  control={control}
                  name="organisation.home"
                  near={near}
                  label="Commune du siège"
                  required
                />
                <TextInput
                  label="Nom du représentant légal"
                  required
                  {...field('organisation.representative.name')}
                />
                <TextInput
                  label="Qualité du représentant"
                  description="Par exemple : directrice, président."
                  required
                  {...field('organisation.representative.title')}
                />
              </SimpleGrid>
            </Fieldset>
          )}

          {refused && (
            <Alert color="red" role="alert" title="L’invitation n’est pas partie">
              {refusalLines(invite.error, unplaced).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </Alert>
          )}

          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                reset(EMPTY);
                invite.reset();
                onClose();
              }}
            >
              Annuler
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Envoyer l’invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

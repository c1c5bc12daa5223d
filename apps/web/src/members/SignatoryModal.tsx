import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { ApiError, messageOf, unwrap } from '../api/errors';
import type { Member } from '../bids/queries';
import { DialogButtons } from '../ui/ConfirmModal';
import { boundedText, fieldBinder } from '../ui/fields';
import { showProblems } from '../ui/problems';
import { useRefreshBid } from './queries';

const schema = z.object({
  name: boundedText({
    min: 1,
    tooShort: 'Indiquez le prénom et le nom.',
    max: 200,
    tooLong: 'Le nom : 200 caractères au plus.',
  }),
  capacity: boundedText({
    min: 1,
    tooShort: 'Indiquez sa qualité : présidente, directeur général…',
    max: 200,
    tooLong: 'La qualité : 200 caractères au plus.',
  }),
  email: z.email('Indiquez une adresse e-mail valable, par exemple prenom.nom@structure.fr.'),
});
type SignatoryForm = z.infer<typeof schema>;

const FIELDS = new Set(['name', 'capacity', 'email']);

/**
 * Changes (or names) who signs the convention for a member: name, capacity, e-mail. The api
 * records it in the history and refuses it while a convention of the organisation is in signature.
 */
export function SignatoryButton({ bidId, member }: { bidId: string; member: Member }) {
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 48em)');
  const refresh = useRefreshBid(bidId);
  const name = member.organisation.legalName;
  const current = member.organisation.representative;
  const { register, handleSubmit, formState, setError, reset } = useForm<SignatoryForm>({
    resolver: zodResolver(schema),
  });
  const save = useMutation({
    mutationFn: (form: SignatoryForm) =>
      unwrap(
        api.PUT('/api/bids/{bidId}/members/{memberId}/signatory', {
          params: { path: { bidId, memberId: member.id } },
          body: form,
        }),
      ),
    onSuccess: async ({ representation }, form) => {
      notifications.show({
        color: 'green',
        message:
          representation === 'GRANTED'
            ? `${form.name} signera la convention pour ${name}.`
            : `${form.name} signera pour ${name} dès que ses représentants l’auront confirmé : ils viennent d’en être avertis.`,
      });
      close();
      await refresh();
    },
    onError: (error) => showProblems(error, setError, (path) => (FIELDS.has(path) ? path : null)),
  });
  const start = () => {
    reset({ name: current.name, capacity: current.title, email: current.email });
    save.reset();
    open();
  };
  const errors = formState.errors;
  const field = fieldBinder({ register, formState });
  // A refusal that names no field of the form (the convention in signature): said above the button.
  const refusal =
    save.error instanceof ApiError && !(errors.name || errors.capacity || errors.email)
      ? messageOf(save.error)
      : null;

  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        aria-label={`Changer le signataire de ${name}`}
        onClick={start}
      >
        Signataire
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={`Signataire de ${name}`}
        fullScreen={phone}
        centered
      >
        <form
          noValidate
          onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)}
        >
          <Stack>
            <Text size="sm">
              La personne qui signe la convention de groupement pour {name}, telle que la convention
              l’imprime. Le changement est enregistré dans l’historique ; il n’est pas possible
              pendant la signature de la convention.
            </Text>
            <TextInput label="Prénom et nom" required data-autofocus {...field('name')} />
            <TextInput
              label="Qualité"
              description="Présidente, directeur général, gérant, délégataire…"
              required
              {...field('capacity')}
            />
            <TextInput
              label="Adresse e-mail"
              description="Elle y recevra ses codes de signature."
              type="email"
              required
              {...field('email')}
            />
            {refusal && (
              <Alert color="red" role="alert" title="Signataire non changé">
                {refusal}
              </Alert>
            )}
            <DialogButtons
              confirmLabel="Enregistrer le signataire"
              pending={save.isPending}
              onCancel={close}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

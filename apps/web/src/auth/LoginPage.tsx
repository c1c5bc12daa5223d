import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Navigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { FailureAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { useMe } from './session';

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Indiquez votre adresse e-mail.')
    .pipe(z.email('Cette adresse e-mail n’est pas valide (exemple : nom@structure.fr).')),
});
type LoginForm = z.infer<typeof schema>;

/** Sign in without a password: a link valid 15 minutes arrives by mail. */
export function LoginPage() {
  const me = useMe();
  // The link page sends here a person whose link was used already or is too old.
  const [params] = useSearchParams();
  const linkExpired = params.get('lien') === 'expire';
  const { register, handleSubmit, formState } = useForm<LoginForm>({
    resolver: zodResolver(schema),
    defaultValues: { email: '' },
  });
  const field = fieldBinder({ register, formState });
  const send = useMutation({
    mutationFn: (form: LoginForm) =>
      unwrap(api.POST('/api/auth/login-link', { body: { email: form.email } })),
  });

  if (me.data) return <Navigate to="/" replace />;
  return (
    <Container size={460} py="xl" component="main">
      <Title order={1} mb="xs">
        Cordage
      </Title>
      <Text c="dimmed" mb="lg">
        Les candidatures groupées de votre réseau, de la déclaration des capacités à la signature de
        la convention.
      </Text>
      <Paper withBorder p="lg" radius="md">
        <form
          onSubmit={(event) => void handleSubmit((form) => send.mutate(form))(event)}
          noValidate
        >
          <Stack>
            <Title order={2} size="h3">
              Se connecter
            </Title>
            {linkExpired && !send.isSuccess && (
              <Alert color="orange" title="Ce lien ne fonctionne plus" role="alert">
                Un lien de connexion ne sert qu’une fois et pendant 15 minutes. Indiquez votre
                adresse : nous vous en envoyons un nouveau.
              </Alert>
            )}
            <TextInput
              label="Adresse e-mail"
              description="Nous vous envoyons un lien de connexion, valable 15 minutes."
              type="email"
              autoComplete="email"
              required
              {...field('email')}
            />
            {send.isSuccess && (
              <Alert color="green" title="Vérifiez votre messagerie" role="status">
                Si cette adresse a un compte, un lien de connexion vient de lui être envoyé.
              </Alert>
            )}
            <FailureAlert error={send.error} />
            <Button type="submit" loading={send.isPending}>
              Recevoir le lien de connexion
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/errors';
import type { JobStatusDto } from '../api/schema';
import { type Member, useRefreshBid } from '../bids/queries';
import { placeRefusal } from '../decision/refusal';
import { FailureAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { formatDateTime } from '../ui/format';
import { CertificatePanel } from './CertificatePanel';
import { JobProgress } from './JobProgress';
import { CONVENTION_WORDS, type SignedDocumentWords } from './labels';

const schema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Le code compte 6 chiffres : recopiez-le depuis le mail reçu.'),
});
type CodeForm = z.infer<typeof schema>;

interface Props {
  bidId: string;
  documentId: string;
  member: Member;
  /** When the member signed, from the signatures list; null while it has not. */
  signedAt: string | null;
  showName: boolean;
  /** What is signed, in words: the convention by default, or an amendment. */
  words?: SignedDocumentWords;
}

/**
 * One member's signature: a code by mail, then the code typed here; the worker signs and the
 * member's signature shows as soon as it is done.
 */
export function SignForm({
  bidId,
  documentId,
  member,
  signedAt,
  showName,
  words = CONVENTION_WORDS,
}: Props) {
  const refresh = useRefreshBid(bidId);
  const [jobId, setJobId] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [jobFailure, setJobFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<CodeForm>({
    resolver: zodResolver(schema),
    defaultValues: { code: '' },
  });
  const field = fieldBinder({ register, formState });
  const path = { bidId, memberId: member.id };

  const requestCode = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/signature-code', {
          params: { path },
          body: { documentId },
        }),
      ),
    onSuccess: () => reset({ code: '' }),
  });

  const sign = useMutation({
    mutationFn: (form: CodeForm) =>
      unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/signatures', {
          params: { path },
          body: { documentId, code: form.code },
        }),
      ),
    onMutate: () => {
      setRefusal(null);
      setJobFailure(null);
    },
    onSuccess: (accepted) => setJobId(accepted.jobId),
    onError: (error) => {
      // A wrong, expired or used code: the api says why, and how many tries remain.
      if (error instanceof ApiError && error.code === 'ONE_TIME_CODE_INVALID') {
        setError('code', { type: 'server', message: error.message });
      } else {
        setRefusal(placeRefusal(error, setError));
      }
    },
  });

  const signed = useCallback(
    (job: JobStatusDto) => {
      if (job.state === 'completed') {
        setDone(true);
        notifications.show({ color: 'green', message: `${words.signed}. Merci !` });
      } else {
        setJobFailure(
          job.failure?.message ??
            job.failedReason ??
            'La signature n’a pas pu être apposée. Demandez un nouveau code et réessayez.',
        );
      }
      setJobId(null);
      void refresh();
    },
    [refresh, words],
  );

  const titleId = `sign-${documentId}-${member.id}`;
  const heading = showName && (
    <Title order={4} id={titleId}>
      Pour {member.organisation.legalName}
    </Title>
  );

  if (signedAt !== null || done) {
    return (
      <Alert color="green" role="status" title={words.signed}>
        {showName ? `${member.organisation.legalName} a signé` : 'Vous avez signé'} {words.it}
        {signedAt ? ` le ${formatDateTime(signedAt)}` : ''}.
      </Alert>
    );
  }

  const sent = requestCode.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={showName ? titleId : undefined}>
      <Stack gap="sm">
        {heading}
        <CertificatePanel bidId={bidId} member={member} />
        <Text size="sm">
          1. Demandez votre code : il arrive par mail, valable 10 minutes et une seule fois.
        </Text>
        <Group>
          <Button
            variant={sent ? 'default' : 'filled'}
            onClick={() => requestCode.mutate()}
            loading={requestCode.isPending}
          >
            {sent ? 'Recevoir un nouveau code' : 'Recevoir mon code de signature'}
          </Button>
        </Group>
        <div aria-live="polite">
          {sent && (
            <Alert color="blue" role="status">
              Code envoyé à {sent.sentTo}, valable jusqu’à {formatDateTime(sent.expiresAt)}.
              <Text size="sm" mt={4}>
                {sent.level.label}
              </Text>
            </Alert>
          )}
        </div>
        <FailureAlert error={requestCode.error} />
        <form
          noValidate
          onSubmit={(event) => void handleSubmit((form) => sign.mutate(form))(event)}
        >
          <Stack gap="sm">
            <Text size="sm">2. Saisissez le code reçu, puis signez.</Text>
            <TextInput
              label="Code reçu par mail"
              description="6 chiffres"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              w={{ base: '100%', xs: 220 }}
              required
              {...field('code')}
            />
            {(refusal ?? jobFailure) && (
              <Alert color="red" role="alert">
                {refusal ?? jobFailure}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={sign.isPending} disabled={jobId !== null}>
                Signer {words.it}
              </Button>
            </Group>
          </Stack>
        </form>
        {jobId && (
          <JobProgress jobId={jobId} label={`Signature de ${words.it}`} onFinished={signed} />
        )}
      </Stack>
    </Paper>
  );
}

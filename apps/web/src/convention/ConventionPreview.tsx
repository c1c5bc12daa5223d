import { Alert, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { ConventionArticleDto, ConventionPreviewRequestDto } from '../api/schema';
import { bidKeys } from '../bids/queries';

type Settings = ConventionPreviewRequestDto['settings'];

/** Waits for the coordinator to pause typing before asking the api: one request per pause. */
const DEBOUNCE_MS = 400;

/** "– ..." paragraphs are list items, as in the PDF. */
function Paragraph({ text }: { text: string }) {
  return text.startsWith('– ') ? (
    <Text size="sm" pl="md">
      {text}
    </Text>
  ) : (
    <Text size="sm">{text}</Text>
  );
}

function Article({ article }: { article: ConventionArticleDto }) {
  const titleId = `article-${article.number}`;
  return (
    <section aria-labelledby={titleId}>
      <Title order={4} id={titleId} mb={4}>
        Article {article.number} — {article.title}
      </Title>
      <Stack gap={4}>
        {article.paragraphs.map((paragraph, i) => (
          <Paragraph key={i} text={paragraph} />
        ))}
      </Stack>
    </section>
  );
}

/**
 * The articles of the convention that the settings being edited change, worded by the api with
 * the same template as the PDF, before anything is saved; null settings: the form does not read
 * as settings yet (a field to correct).
 */
export function ConventionPreview({
  bidId,
  settings,
}: {
  bidId: string;
  settings: Settings | null;
}) {
  // A stable key: the same settings typed again ask nothing new.
  const [debounced] = useDebouncedValue(settings && JSON.stringify(settings), DEBOUNCE_MS);
  const asked = debounced && debounced !== '{}' ? (JSON.parse(debounced) as Settings) : null;
  const preview = useQuery({
    queryKey: bidKeys.part(bidId, 'convention-preview', debounced),
    queryFn: asked
      ? () =>
          unwrap(
            api.POST('/api/bids/{bidId}/convention/preview', {
              params: { path: { bidId } },
              body: { settings: asked },
            }),
          )
      : skipToken,
    placeholderData: keepPreviousData,
    retry: false,
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="convention-preview-title">
      <Stack gap="sm" aria-live="polite" aria-busy={preview.isFetching}>
        <Title order={4} id="convention-preview-title">
          Aperçu des articles modifiés {preview.isFetching && <Loader size="xs" ml="xs" />}
        </Title>
        {settings === null ? (
          <Text size="sm" c="dimmed">
            Corrigez les champs signalés : l’aperçu reprendra ensuite.
          </Text>
        ) : !asked ? (
          <Text size="sm" c="dimmed">
            Modifiez une clause : les articles de la convention qu’elle change s’affichent ici, tels
            qu’ils seront imprimés, avant tout enregistrement.
          </Text>
        ) : preview.isError ? (
          <Alert color="orange" role="status">
            {messageOf(preview.error)}
          </Alert>
        ) : (
          preview.data?.map((article) => <Article key={article.number} article={article} />)
        )}
      </Stack>
    </Paper>
  );
}

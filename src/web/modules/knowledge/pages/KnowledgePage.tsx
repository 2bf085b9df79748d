import {
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../app/error-message';
import { PageHeader } from '../../../components/PageHeader';
import { findSimilar, reuseAnswer, signalSearch, useKnowledgeSearch, useLatestItems } from '../queries';
import { DateFilter, useSearchDates } from './DateFilter';
import { EditorModal, TYPES } from './EditorModal';
import { useDocumentTitle } from '../../../components/use-document-title';

/** What the search accepts (the server answers 400 beyond it). */
const SEARCH_MAX = 300;

/** Knowledge base: search as you type with facets and highlighted snippets, or the latest items. */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('knowledge:nav.base'));
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [debounced] = useDebouncedValue(q, 200);
  const [dates, setDates, reversed] = useSearchDates();
  // A reversed range is said beside the field, not sent (the server would refuse it).
  const search = useKnowledgeSearch(debounced, type, tag, reversed ? { from: null, to: null } : dates);
  const latest = useLatestItems(type, tag, debounced.trim().length === 0);
  const facets = search.data?.facets;
  // KB-8: opening a result says the search found something (a search nobody opens is a gap).
  const opened = useMutation({
    mutationFn: (searchId: string) => signalSearch(searchId, 'opened'),
    meta: { handlesErrors: true }, // a lost signal is nobody's concern
  });
  const searchId = search.data?.searchId ?? null;
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <PageHeader
        title={t('knowledge:nav.base')}
        description={t('knowledge:list.subtitle')}
        mb={0}
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to="/knowledge/import">
              {t('knowledge:import.button')}
            </Button>
            <Button onClick={() => setCreating(true)}>{t('knowledge:list.new')}</Button>
          </Group>
        }
      />
      <TextInput
        size="md"
        leftSection={<IconSearch size={18} />}
        placeholder={t('knowledge:list.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        aria-label={t('knowledge:list.searchPlaceholder')}
        maxLength={SEARCH_MAX}
        description={q.length >= SEARCH_MAX ? t('knowledge:list.tooLong', { max: SEARCH_MAX }) : undefined}
      />
      <Group gap="xs" wrap="wrap">
        <Chip.Group value={type ?? ''} onChange={(value) => setType((value as string) || null)}>
          {TYPES.map((value) => {
            const count = facets?.type.find((f) => f.value === value)?.count;
            return (
              <Chip key={value} value={value} size="xs" onClick={() => type === value && setType(null)}>
                {t(`knowledge:type.${value}`)}
                {count !== undefined ? ` (${count})` : ''}
              </Chip>
            );
          })}
        </Chip.Group>
      </Group>
      {facets && facets.tag.length > 0 && (
        <Group gap={6} wrap="wrap">
          {facets.tag.slice(0, 10).map((f) => (
            <Badge
              key={f.value}
              variant={tag === f.value ? 'filled' : 'light'}
              style={{ cursor: 'pointer' }}
              onClick={() => setTag(tag === f.value ? null : f.value)}
            >
              {f.value} · {f.count}
            </Badge>
          ))}
        </Group>
      )}
      {debounced.trim() && (
        <DateFilter dates={dates} onChange={setDates} reversed={reversed} facet={facets?.date} />
      )}
      {search.data?.correctedQuery && (
        <Text size="sm">{t('knowledge:list.corrected', { query: search.data.correctedQuery })}</Text>
      )}
      {debounced.trim() ? (
        <Stack gap="sm">
          {search.isError ? (
            <Text size="sm" c="red" role="alert">
              {errorMessage(search.error, i18n)}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('knowledge:list.results', { count: search.data?.total ?? 0 })}
              {search.data && !search.data.totalIsExact ? '+' : ''}
            </Text>
          )}
          {search.data?.items.map((item) => (
            <Card
              key={item.id}
              withBorder
              padding="sm"
              component={Link}
              to={`/knowledge/${item.id}`}
              // KB-3 item 5: a "useful" on the item teaches it this search's question.
              state={searchId ? { searchId } : undefined}
              onClick={() => searchId && opened.mutate(searchId)}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge size="xs" variant="light" mt={4} style={{ flexShrink: 0 }}>
                  {t(`knowledge:type.${item.type}`)}
                </Badge>
                <Text
                  fw={600}
                  style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                  dangerouslySetInnerHTML={{ __html: item.titleHtml }}
                />
              </Group>
              <Text size="sm" c="dimmed" mt={4} dangerouslySetInnerHTML={{ __html: item.snippet }} />
            </Card>
          ))}
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {latest.data?.items.map((item) => (
            <Card key={item.id} withBorder padding="sm" component={Link} to={`/knowledge/${item.id}`}>
              <Group gap="xs">
                <Badge size="xs" variant="light">
                  {t(`knowledge:type.${item.type}`)}
                </Badge>
                <Badge size="xs" color="gray">
                  {t(`knowledge:status.${item.status}`)}
                </Badge>
              </Group>
              <Text fw={600} mt={4}>
                {item.title}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <SimilarBox />
      <EditorModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

/** "Describe the problem": top 5 similar solved cases, with "use this answer". */
function SimilarBox() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const similar = useMutation({
    mutationFn: () => findSimilar(text),
  });
  // Errors are shown once, by the app's mutation cache.
  const reuse = useMutation({ mutationFn: (id: string) => reuseAnswer(id) });
  return (
    <Card withBorder padding="md">
      <Title order={4}>{t('knowledge:similar.title')}</Title>
      <Textarea
        mt="xs"
        minRows={2}
        autosize
        placeholder={t('knowledge:similar.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Button
        mt="xs"
        style={{ alignSelf: 'flex-start' }}
        disabled={text.trim().length < 3}
        loading={similar.isPending}
        onClick={() => similar.mutate()}
      >
        {t('knowledge:similar.find')}
      </Button>
      <Stack mt="sm" gap="xs">
        {similar.data?.items.length === 0 && <Text c="dimmed">{t('knowledge:similar.none')}</Text>}
        {similar.data?.items.map((item) => (
          <Card key={item.id} withBorder padding="sm">
            <Anchor fw={600} component={Link} to={`/knowledge/${item.answerId}`}>
              {item.title}
            </Anchor>
            {item.problem && (
              <Text size="sm" c="dimmed">
                {item.problem}
              </Text>
            )}
            <Text size="sm" mt={4} lineClamp={5} style={{ whiteSpace: 'pre-wrap' }}>
              {item.solution}
            </Text>
            <Button
              size="xs"
              variant="light"
              mt="xs"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => reuse.mutate(item.answerId)}
              disabled={reuse.isSuccess && reuse.variables === item.answerId}
            >
              {reuse.isSuccess && reuse.variables === item.answerId
                ? t('knowledge:similar.used')
                : t('knowledge:similar.use')}
            </Button>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { isApiError } from '../../../app/api/client';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { formatDateTime } from '../../../app/format';
import { notifySuccess } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import {
  comment as postComment,
  decideSuggestion,
  keys,
  restoreVersion,
  transitionItem,
  useDiff,
  useFeedback,
  useItem,
  useVersions,
  vote as postVote,
  type Item,
  type Revision,
  type SuggestionDecision,
  type TransitionAction,
} from '../queries';
import { EditorModal } from './EditorModal';
import { Html } from './Html';
import { Phrasings } from './Phrasings';
import { SendDialog } from './SendDialog';
import { SuggestEdit } from './SuggestEdit';

const ACTIONS: Record<string, TransitionAction[]> = {
  draft: ['submit', 'publish', 'archive'],
  in_review: ['validate', 'publish', 'reject'],
  validated: ['publish', 'reject'],
  published: ['verify', 'archive'],
  stale: ['verify', 'archive'],
  archived: ['reopen'],
};

/** The buttons this person may use: validating (or publishing what no expert validated) needs `canValidate`. */
function actionsFor(item: Item, expert: boolean): TransitionAction[] {
  return (ACTIONS[item.status] ?? []).filter((action) => {
    if (action === 'validate') return item.canValidate;
    if (action === 'publish' && item.status !== 'validated') return item.canValidate;
    if (action === 'reject') return expert;
    return true;
  });
}

/** A knowledge item: rendered HTML, lifecycle, versions and diff, feedback, send to client. */
export function ItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useCurrentUser();
  const expert = me.role === 'expert' || me.role === 'admin';
  const item = useItem(id);
  useDocumentTitle(item.data?.title ?? t('knowledge:nav.base'));
  const refresh = () => {
    client.invalidateQueries({ queryKey: keys.item(id) });
    client.invalidateQueries({ queryKey: keys.versionsOf(id) });
  };
  const transition = useMutation({
    mutationFn: (action: TransitionAction) => transitionItem(id, action),
    onSuccess: refresh,
  });
  const [sending, setSending] = useState(false);
  const [editing, setEditing] = useState(false);
  // A malformed or unknown id, or an item one may not see: the not-found page, never a blank one.
  if (item.isError)
    return isApiError(item.error) && [400, 403, 404].includes(item.error.status) ? (
      <NotFoundPage />
    ) : (
      <ErrorState error={item.error} onRetry={() => void item.refetch()} />
    );
  if (!item.data)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  const data = item.data;
  return (
    <Stack maw={1000} mx="auto" gap="md">
      <PageHeader
        title={data.title}
        mb={0}
        actions={
          <Group gap="xs">
            {data.canEdit && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('knowledge:editor.edit')}
              </Button>
            )}
            <Button onClick={() => setSending(true)}>{t('knowledge:send.button')}</Button>
          </Group>
        }
      />
      <Group gap="xs">
        <Badge variant="light">{t(`knowledge:type.${data.type}`)}</Badge>
        <Badge color={data.status === 'published' ? 'green' : data.status === 'stale' ? 'orange' : 'gray'}>
          {t(`knowledge:status.${data.status}`)}
        </Badge>
        <Badge color="gray" variant="outline">
          {t(`knowledge:visibility.${data.visibility}`)}
        </Badge>
        <Badge color="gray" variant="outline">
          {t(`knowledge:delivery.${data.delivery}`)}
        </Badge>
        {data.tags.map((tag) => (
          <Badge key={tag} variant="dot">
            {tag}
          </Badge>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {t('knowledge:item.meta', {
          owner: data.ownerName,
          version: data.version,
          views: data.viewCount,
          reuses: data.reuseCount,
          date: formatDateTime(data.updatedAt),
        })}
      </Text>
      {data.delivery === 'push' && (
        <Text size="sm" c="dimmed" data-testid="knowledge-push-status">
          {data.pushedAt
            ? t('knowledge:push.pushedAt', {
                date: formatDateTime(data.pushedAt),
                version: data.pushedVersion,
              })
            : data.pushAt
              ? t('knowledge:push.scheduled', { date: formatDateTime(data.pushAt) })
              : t('knowledge:push.onPublication')}
        </Text>
      )}
      {data.canEdit && (
        <Group gap="xs">
          {actionsFor(data, expert).map((action) => (
            <Button
              key={action}
              size="xs"
              variant="light"
              loading={transition.isPending && transition.variables === action}
              onClick={() => transition.mutate(action)}
            >
              {t(`knowledge:action.${action}`)}
            </Button>
          ))}
        </Group>
      )}
      {data.canEdit &&
        expert &&
        !data.canValidate &&
        (data.status === 'draft' || data.status === 'in_review') && (
          <Text size="sm" c="dimmed">
            {t('knowledge:review.secondExpert')}
          </Text>
        )}
      {data.revision && (
        <RevisionCard
          item={data}
          revision={data.revision}
          expert={expert}
          onDecide={(action) => transition.mutate(action)}
          deciding={transition.isPending}
        />
      )}
      {data.revision && (
        <Text size="sm" fw={600} c="dimmed">
          {t('knowledge:review.readersVersion', { version: data.version })}
        </Text>
      )}
      {data.problem && (
        <Alert color="blue" title={t('knowledge:field.problem')}>
          {data.problem}
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Html html={data.html} />
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Feedback id={id} canEdit={data.canEdit} body={data.body} />
        <Versions
          id={id}
          canEdit={data.canEdit}
          current={data.version}
          review={data.reviewVersion}
          onRestored={refresh}
        />
      </SimpleGrid>
      {expert && <Phrasings id={id} />}
      {sending && <SendDialog item={data} opened={sending} onClose={() => setSending(false)} />}
      {/* Editing continues the change in review when there is one. */}
      {data.canEdit && (
        <EditorModal
          opened={editing}
          onClose={() => {
            setEditing(false);
            refresh();
          }}
          item={data.revision ? { ...data, ...data.revision } : data}
        />
      )}
    </Stack>
  );
}

/** Votes and comments from every reader; suggested edits from those who may not edit, decided by those who may. */
function Feedback({ id, canEdit, body }: { id: string; canEdit: boolean; body: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const feedback = useFeedback(id);
  // The search the person came from (set by the search page's links): a "useful" teaches it.
  const searchId = (useLocation().state as { searchId?: string } | null)?.searchId;
  const refresh = () => client.invalidateQueries({ queryKey: keys.feedback(id) });
  const vote = useMutation({
    mutationFn: (useful: boolean) => postVote(id, useful, useful ? searchId : undefined),
    onSuccess: () => {
      refresh();
      client.invalidateQueries({ queryKey: keys.phrasings(id) });
    },
  });
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () => postComment(id, comment),
    onSuccess: () => {
      setComment('');
      refresh();
    },
  });
  const decide = useMutation({
    mutationFn: (input: { sid: string; decision: SuggestionDecision }) =>
      decideSuggestion(id, input.sid, input.decision),
    onSuccess: () => {
      refresh();
      client.invalidateQueries({ queryKey: keys.item(id) });
    },
  });
  const f = feedback.data;
  return (
    <Card withBorder>
      <Title order={4}>{t('knowledge:feedback.title')}</Title>
      <Group mt="xs" gap="xs">
        <Button
          size="xs"
          leftSection={<IconThumbUp size={14} />}
          variant={f?.myVote === true ? 'filled' : 'light'}
          onClick={() => vote.mutate(true)}
        >
          {t('knowledge:feedback.useful')} ({f?.usefulCount ?? 0})
        </Button>
        <Button
          size="xs"
          leftSection={<IconThumbDown size={14} />}
          variant={f?.myVote === false ? 'filled' : 'light'}
          color="gray"
          onClick={() => vote.mutate(false)}
        >
          {t('knowledge:feedback.notUseful')} ({f?.notUsefulCount ?? 0})
        </Button>
      </Group>
      <Textarea
        mt="sm"
        placeholder={t('knowledge:feedback.commentPlaceholder')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Button size="xs" mt="xs" disabled={!comment.trim()} onClick={() => send.mutate()}>
        {t('knowledge:feedback.comment')}
      </Button>
      {!canEdit && <SuggestEdit id={id} body={body} onSent={refresh} />}
      <Stack gap={6} mt="sm">
        {f?.comments.map((c) => (
          <Text key={c.id} size="sm">
            <b>{c.userName}</b> — {c.comment}
          </Text>
        ))}
        {f?.suggestions
          .filter((s) => s.status === 'pending')
          .map((s) => (
            <Card key={s.id} withBorder padding="xs">
              <Text size="sm" fw={600}>
                {t('knowledge:feedback.suggestedBy', { name: s.authorName })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.body.slice(0, 400)}
              </Text>
              {canEdit && (
                <Group gap="xs" mt={4}>
                  <Button size="compact-xs" onClick={() => decide.mutate({ sid: s.id, decision: 'accept' })}>
                    {t('knowledge:feedback.accept')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => decide.mutate({ sid: s.id, decision: 'decline' })}
                  >
                    {t('knowledge:feedback.decline')}
                  </Button>
                </Group>
              )}
            </Card>
          ))}
      </Stack>
    </Card>
  );
}

/** The change waiting for review: what it says, who wrote it, and the expert's decision. */
function RevisionCard({
  item,
  revision,
  expert,
  onDecide,
  deciding,
}: {
  item: Item;
  revision: Revision;
  expert: boolean;
  onDecide: (action: TransitionAction) => void;
  deciding: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="lg"
      data-testid="knowledge-revision"
      style={{ borderColor: 'var(--mantine-color-yellow-6)' }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={4}>{t('knowledge:review.title', { version: revision.version })}</Title>
          <Badge color="yellow">{t('knowledge:status.in_review')}</Badge>
        </Group>
        <Text size="sm">
          {t('knowledge:review.readersSee', {
            version: item.version,
            name: revision.createdByName ?? '',
            date: formatDateTime(revision.createdAt),
          })}
        </Text>
        {revision.title !== item.title && <Text fw={600}>{revision.title}</Text>}
        {revision.problem && revision.problem !== item.problem && (
          <Alert color="blue" title={t('knowledge:field.problem')}>
            {revision.problem}
          </Alert>
        )}
        <Html html={revision.html} />
        {expert && (
          <Group gap="xs">
            {item.canValidate ? (
              <Button size="xs" color="green" loading={deciding} onClick={() => onDecide('validate')}>
                {t('knowledge:review.validate', { version: revision.version })}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('knowledge:review.secondExpert')}
              </Text>
            )}
            <Button
              size="xs"
              variant="light"
              color="red"
              disabled={deciding}
              onClick={() => onDecide('reject')}
            >
              {t('knowledge:review.reject')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** Notes the server writes itself are shown in the reader's language; people's own notes as written. */
function noteText(note: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (note === 'created') return t('knowledge:versions.notes.created');
  const restored = note.match(/^restored version (\d+)$/);
  if (restored) return t('knowledge:versions.notes.restored', { version: restored[1] });
  if (/^suggested edit [0-9a-f]{8}$/.test(note)) return t('knowledge:versions.notes.suggested');
  return note;
}

function Versions({
  id,
  canEdit,
  current,
  review,
  onRestored,
}: {
  id: string;
  canEdit: boolean;
  current: number;
  review: number | null;
  onRestored: () => void;
}) {
  const { t } = useTranslation();
  const versions = useVersions(id, current, review);
  const [other, setOther] = useState<number | null>(null);
  // Any version is compared with the one readers see, oldest first.
  const pair = other === null ? null : { from: Math.min(other, current), to: Math.max(other, current) };
  const diff = useDiff(id, pair);
  const restore = useMutation({
    mutationFn: (version: number) => restoreVersion(id, version),
    onSuccess: (item) => {
      notifySuccess(
        item.reviewVersion
          ? t('knowledge:editor.savedForReview', { version: item.reviewVersion })
          : t('knowledge:versions.restored'),
      );
      onRestored();
    },
  });
  return (
    <Card withBorder>
      <Title order={4}>{t('knowledge:versions.title')}</Title>
      <Table mt="xs" fz="sm" data-testid="knowledge-versions">
        <Table.Tbody>
          {versions.data?.items.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>
                v{v.version}
                {v.state !== 'earlier' && (
                  <Text
                    size="xs"
                    fw={600}
                    c={v.state === 'current' ? 'green.8' : v.state === 'in_review' ? 'yellow.9' : 'dimmed'}
                  >
                    {t(`knowledge:versions.state.${v.state}`)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {v.createdByName}
                <Text size="xs" c="dimmed">
                  {formatDateTime(v.createdAt)}
                  {v.note ? ` · ${noteText(v.note, t)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {v.version !== current && (
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setOther(v.version)}>
                      {t('knowledge:versions.diff')}
                    </Button>
                    {canEdit && v.state === 'earlier' && (
                      <Button size="compact-xs" variant="subtle" onClick={() => restore.mutate(v.version)}>
                        {t('knowledge:versions.restore')}
                      </Button>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {diff.data && (
        <Stack gap={4} mt="sm" data-testid="knowledge-diff">
          <Text size="sm" fw={600}>
            {t('knowledge:versions.between', { from: diff.data.from, to: diff.data.to })}
          </Text>
          {diff.data.fields
            .filter((f) => f.changed)
            .map((f) => (
              <Text key={f.field} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <b>{t(`knowledge:field.${f.field}`)} : </b>
                {f.parts.map((p, i) => (
                  <span
                    key={i}
                    style={{
                      background: p.added
                        ? 'var(--mantine-color-green-1)'
                        : p.removed
                          ? 'var(--mantine-color-red-1)'
                          : undefined,
                      textDecoration: p.removed ? 'line-through' : undefined,
                    }}
                  >
                    {p.value}
                  </span>
                ))}
              </Text>
            ))}
        </Stack>
      )}
    </Card>
  );
}

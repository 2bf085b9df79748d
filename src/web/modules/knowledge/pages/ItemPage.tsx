import { Alert, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, isApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { EditorModal } from './EditorModal';
import { Html } from './Html';

type Item = { id: string; title: string; type: string; status: string; html: string; body: string; problem: string; tags: string[]; version: number; canEdit: boolean; viewCount: number; reuseCount: number; usefulCount: number; notUsefulCount: number; ownerName: string; visibility: string; delivery: string; lang: string; updatedAt: string; productIds: string[]; situationIds: string[] };
const ACTIONS: Record<string, string[]> = { draft: ['submit', 'publish', 'archive'], in_review: ['validate', 'publish', 'reject'], validated: ['publish', 'reject'], published: ['verify', 'archive'], stale: ['verify', 'archive'], archived: ['reopen'] };

/** A knowledge item: rendered HTML, lifecycle, versions and diff, feedback, send to client. */
export function ItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const item = useQuery({ queryKey: ['knowledge', id], queryFn: () => api.get<Item>(`/knowledge/${id}`) });
  useDocumentTitle(item.data?.title ?? t('knowledge:nav.base'));
  const refresh = () => client.invalidateQueries({ queryKey: ['knowledge', id] });
  const transition = useMutation({ mutationFn: (action: string) => api.post(`/knowledge/${id}/transitions`, { action }), onSuccess: refresh, onError: (e) => notifyError(e) });
  const [sending, setSending] = useState(false);
  const [editing, setEditing] = useState(false);
  if (!item.data) return null;
  const data = item.data;
  return (
    <Stack maw={1000} mx="auto" gap="md">
      <PageHeader title={data.title} mb={0} actions={<Group gap="xs">{data.canEdit && <Button variant="default" onClick={() => setEditing(true)}>{t('knowledge:editor.edit')}</Button>}<Button onClick={() => setSending(true)}>{t('knowledge:send.button')}</Button></Group>} />
      <Group gap="xs">
        <Badge variant="light">{t(`knowledge:type.${data.type}`)}</Badge>
        <Badge color={data.status === 'published' ? 'green' : data.status === 'stale' ? 'orange' : 'gray'}>{t(`knowledge:status.${data.status}`)}</Badge>
        <Badge color="gray" variant="outline">{t(`knowledge:visibility.${data.visibility}`)}</Badge>
        <Badge color="gray" variant="outline">{t(`knowledge:delivery.${data.delivery}`)}</Badge>
        {data.tags.map((tag) => <Badge key={tag} variant="dot">{tag}</Badge>)}
      </Group>
      <Text size="sm" c="dimmed">{t('knowledge:item.meta', { owner: data.ownerName, version: data.version, views: data.viewCount, reuses: data.reuseCount, date: formatDateTime(data.updatedAt) })}</Text>
      {data.canEdit && (
        <Group gap="xs">{(ACTIONS[data.status] ?? []).map((action) => <Button key={action} size="xs" variant="light" onClick={() => transition.mutate(action)}>{t(`knowledge:action.${action}`)}</Button>)}</Group>
      )}
      {data.problem && <Alert color="blue" title={t('knowledge:field.problem')}>{data.problem}</Alert>}
      <Card withBorder padding="lg"><Html html={data.html} /></Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Feedback id={id} />
        <Versions id={id} canEdit={data.canEdit} current={data.version} onRestored={refresh} />
      </SimpleGrid>
      <SendModal id={id} opened={sending} onClose={() => setSending(false)} />
      {data.canEdit && <EditorModal opened={editing} onClose={() => { setEditing(false); refresh(); }} item={data} />}
    </Stack>
  );
}

function Feedback({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const feedback = useQuery({ queryKey: ['knowledge-feedback', id], queryFn: () => api.get<any>(`/knowledge/${id}/feedback`) });
  const refresh = () => client.invalidateQueries({ queryKey: ['knowledge-feedback', id] });
  const vote = useMutation({ mutationFn: (useful: boolean) => api.post(`/knowledge/${id}/votes`, { useful }), onSuccess: refresh, onError: (e) => notifyError(e) });
  const [comment, setComment] = useState('');
  const send = useMutation({ mutationFn: () => api.post(`/knowledge/${id}/comments`, { comment }), onSuccess: () => { setComment(''); refresh(); }, onError: (e) => notifyError(e) });
  const decide = useMutation({ mutationFn: (input: { sid: string; decision: string }) => api.post(`/knowledge/${id}/suggestions/${input.sid}/decision`, { decision: input.decision }), onSuccess: () => { refresh(); client.invalidateQueries({ queryKey: ['knowledge', id] }); }, onError: (e) => notifyError(e) });
  const f = feedback.data;
  return (
    <Card withBorder>
      <Title order={4}>{t('knowledge:feedback.title')}</Title>
      <Group mt="xs" gap="xs">
        <Button size="xs" leftSection={<IconThumbUp size={14} />} variant={f?.myVote === true ? 'filled' : 'light'} onClick={() => vote.mutate(true)}>{t('knowledge:feedback.useful')} ({f?.usefulCount ?? 0})</Button>
        <Button size="xs" leftSection={<IconThumbDown size={14} />} variant={f?.myVote === false ? 'filled' : 'light'} color="gray" onClick={() => vote.mutate(false)}>{t('knowledge:feedback.notUseful')} ({f?.notUsefulCount ?? 0})</Button>
      </Group>
      <Textarea mt="sm" placeholder={t('knowledge:feedback.commentPlaceholder')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
      <Button size="xs" mt="xs" disabled={!comment.trim()} onClick={() => send.mutate()}>{t('knowledge:feedback.comment')}</Button>
      <Stack gap={6} mt="sm">
        {f?.comments.map((c: any) => <Text key={c.id} size="sm"><b>{c.userName}</b> — {c.comment}</Text>)}
        {f?.suggestions.filter((s: any) => s.status === 'pending').map((s: any) => (
          <Card key={s.id} withBorder padding="xs">
            <Text size="sm" fw={600}>{t('knowledge:feedback.suggestedBy', { name: s.authorName })}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{s.body.slice(0, 400)}</Text>
            <Group gap="xs" mt={4}><Button size="compact-xs" onClick={() => decide.mutate({ sid: s.id, decision: 'accept' })}>{t('knowledge:feedback.accept')}</Button><Button size="compact-xs" variant="subtle" onClick={() => decide.mutate({ sid: s.id, decision: 'decline' })}>{t('knowledge:feedback.decline')}</Button></Group>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function Versions({ id, canEdit, current, onRestored }: { id: string; canEdit: boolean; current: number; onRestored: () => void }) {
  const { t } = useTranslation();
  const versions = useQuery({ queryKey: ['knowledge-versions', id, current], queryFn: () => api.get<{ items: { version: number; note: string | null; createdByName: string | null; createdAt: string }[] }>(`/knowledge/${id}/versions`) });
  const [from, setFrom] = useState<number | null>(null);
  const diff = useQuery({ queryKey: ['knowledge-diff', id, from, current], enabled: from !== null, queryFn: () => api.get<any>(`/knowledge/${id}/diff`, { from, to: current }) });
  const restore = useMutation({ mutationFn: (version: number) => api.post(`/knowledge/${id}/versions/${version}/restore`, {}), onSuccess: () => { notifySuccess(t('knowledge:versions.restored')); onRestored(); }, onError: (e) => notifyError(e) });
  return (
    <Card withBorder>
      <Title order={4}>{t('knowledge:versions.title')}</Title>
      <Table mt="xs" fz="sm"><Table.Tbody>
        {versions.data?.items.map((v) => (
          <Table.Tr key={v.version}>
            <Table.Td>v{v.version}</Table.Td><Table.Td>{v.createdByName}<Text size="xs" c="dimmed">{formatDateTime(v.createdAt)}{v.note ? ` · ${v.note}` : ''}</Text></Table.Td>
            <Table.Td>{v.version !== current && <Group gap={4} wrap="nowrap"><Button size="compact-xs" variant="subtle" onClick={() => setFrom(v.version)}>{t('knowledge:versions.diff')}</Button>{canEdit && <Button size="compact-xs" variant="subtle" onClick={() => restore.mutate(v.version)}>{t('knowledge:versions.restore')}</Button>}</Group>}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody></Table>
      {diff.data && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>{t('knowledge:versions.between', { from: diff.data.from, to: diff.data.to })}</Text>
          {diff.data.fields.filter((f: any) => f.changed).map((f: any) => (
            <Text key={f.field} size="sm" style={{ whiteSpace: 'pre-wrap' }}><b>{t(`knowledge:field.${f.field}`)} : </b>
              {f.parts.map((p: any, i: number) => <span key={i} style={{ background: p.added ? '#d3f9d8' : p.removed ? '#ffe3e3' : undefined, textDecoration: p.removed ? 'line-through' : undefined }}>{p.value}</span>)}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function SendModal({ id, opened, onClose }: { id: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const [message, setMessage] = useState(t('knowledge:send.defaultMessage'));
  const contacts = useQuery({ queryKey: ['contacts-pick', q], enabled: opened, queryFn: () => api.get<{ items: { id: string; displayName: string }[] }>('/contacts', { q, limit: 20 }) });
  const send = useMutation({ mutationFn: () => api.post<{ to: string; status: string }>(`/knowledge/${id}/send`, { contactId, message }), onSuccess: (r) => { notifySuccess(t('knowledge:send.done', { to: r.to })); onClose(); } });
  const error = send.error && isApiError(send.error) ? send.error : null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('knowledge:send.title')}>
      <Stack gap="sm">
        <TextInput label={t('knowledge:send.searchContact')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select label={t('knowledge:send.contact')} data={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.displayName }))} value={contactId} onChange={setContactId} searchable />
        <Textarea label={t('knowledge:send.message')} autosize minRows={4} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
        {error && <Alert color="red">{error.code === 'contact.no_email_consent' ? t('knowledge:send.noConsent') : error.problem.detail}</Alert>}
        <Button disabled={!contactId || !message.trim()} loading={send.isPending} onClick={() => send.mutate()}>{t('knowledge:send.submit')}</Button>
      </Stack>
    </Modal>
  );
}

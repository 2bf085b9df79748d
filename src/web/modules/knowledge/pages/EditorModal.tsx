import { Button, Card, Group, Loader, Modal, MultiSelect, Select, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../app/api';
import { notifyError, notifySuccess } from '../../../app/notify';
import { Html } from './Html';

export const TYPES = ['product_sheet', 'procedure', 'answer', 'objection', 'competitor_watch', 'win_story', 'training'];

/** What the editor needs of an existing item. */
export type EditableItem = {
  id: string; type: string; title: string; problem: string; body: string; tags: string[]; visibility: string; delivery: string; productIds: string[]; situationIds: string[];
};

type Form = { type: string; title: string; problem: string; body: string; tags: string; visibility: string; delivery: string; productIds: string[]; situationIds: string[] };
const EMPTY: Form = { type: 'answer', title: '', problem: '', body: '', tags: '', visibility: 'public', delivery: 'pull', productIds: [], situationIds: [] };
const toForm = (item?: EditableItem): Form => (item ? { ...item, tags: item.tags.join(', ') } : EMPTY);

/** The Markdown rendered by the server (same renderer and sanitiser as the stored item). */
function Preview({ body }: { body: string }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(body, 300);
  const preview = useQuery({
    queryKey: ['knowledge-preview', debounced],
    queryFn: () => api.post<{ html: string }>('/knowledge/preview', { body: debounced }),
    placeholderData: (previous) => previous,
  });
  return (
    <Card withBorder mih={160} data-testid="knowledge-preview">
      {preview.isPending ? <Loader size="sm" /> : preview.data?.html ? <Html html={preview.data.html} /> : <Text c="dimmed" size="sm">{t('knowledge:editor.emptyPreview')}</Text>}
    </Card>
  );
}

/** Product and situation pickers (searchable; the catalogue and the situations the user may see). */
function LinkPickers({ form, set }: { form: Form; set: (patch: Partial<Form>) => void }) {
  const { t } = useTranslation();
  const products = useQuery({ queryKey: ['products-pick'], queryFn: () => api.get<{ items: { id: string; reference: string; name: string }[] }>('/products', { limit: 200 }) });
  const situations = useQuery({ queryKey: ['situations', ''], queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/situations') });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <MultiSelect
        label={t('knowledge:field.products')} searchable clearable placeholder={t('knowledge:editor.pick')} nothingFoundMessage={t('knowledge:editor.nothingFound')}
        data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.reference} — ${p.name}` }))}
        value={form.productIds} onChange={(productIds) => set({ productIds })} comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('knowledge:field.situations')} searchable clearable placeholder={t('knowledge:editor.pick')} nothingFoundMessage={t('knowledge:editor.nothingFound')}
        data={(situations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={form.situationIds} onChange={(situationIds) => set({ situationIds })} comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}

/** Editor (create or edit): Markdown with a server-rendered preview, type, tags, products, situations, visibility, delivery. */
export function EditorModal({ opened, onClose, item }: { opened: boolean; onClose: () => void; item?: EditableItem }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(toForm(item));
  const [tab, setTab] = useState<string | null>('write');
  useEffect(() => { if (opened) { setForm(toForm(item)); setTab('write'); } }, [opened, item]);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const payload = { ...form, tags: form.tags.split(',').map((s) => s.trim()).filter(Boolean) };
      return item ? api.patch<{ id: string }>(`/knowledge/${item.id}`, payload) : api.post<{ id: string }>('/knowledge', payload);
    },
    onSuccess: (saved) => {
      onClose();
      client.invalidateQueries({ queryKey: ['knowledge'] });
      client.invalidateQueries({ queryKey: ['knowledge-list'] });
      if (item) notifySuccess(t('knowledge:editor.saved'));
      else navigate(`/knowledge/${saved.id}`);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={item ? t('knowledge:editor.editTitle') : t('knowledge:list.new')} size="xl" fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}>
      <Stack gap="sm">
        <TextInput label={t('knowledge:field.title')} required value={form.title} onChange={(e) => set({ title: e.currentTarget.value })} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('knowledge:field.type')} data={TYPES.map((value) => ({ value, label: t(`knowledge:type.${value}`) }))} value={form.type} onChange={(value) => set({ type: value ?? 'answer' })} allowDeselect={false} />
          <TextInput label={t('knowledge:field.tags')} value={form.tags} onChange={(e) => set({ tags: e.currentTarget.value })} />
        </SimpleGrid>
        {form.type === 'answer' && <Textarea label={t('knowledge:field.problem')} autosize minRows={2} value={form.problem} onChange={(e) => set({ problem: e.currentTarget.value })} />}
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="write">{t('knowledge:field.body')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('knowledge:editor.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea aria-label={t('knowledge:field.body')} autosize minRows={8} maxRows={20} value={form.body} onChange={(e) => set({ body: e.currentTarget.value })} styles={{ input: { fontFamily: 'monospace' } }} />
            <Text size="xs" c="dimmed" mt={4}>{t('knowledge:editor.markdownHint')}</Text>
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs"><Preview body={form.body} /></Tabs.Panel>
        </Tabs>
        <LinkPickers form={form} set={set} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('knowledge:field.visibility')} data={['public', 'team', 'restricted', 'secret'].map((value) => ({ value, label: t(`knowledge:visibility.${value}`) }))} value={form.visibility} onChange={(value) => set({ visibility: value ?? 'public' })} allowDeselect={false} />
          <Select label={t('knowledge:field.delivery')} data={['pull', 'push'].map((value) => ({ value, label: t(`knowledge:delivery.${value}`) }))} value={form.delivery} onChange={(value) => set({ delivery: value ?? 'pull' })} allowDeselect={false} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('knowledge:editor.cancel')}</Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!form.title.trim()}>{t('knowledge:editor.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../app/api/client';
import { errorMessage } from '../../../app/error-message';
import { notifySuccess } from '../../../app/notify';
import { changedPayload, errorsByField, toLocalInput, toPayload, type EditorForm } from '../editor-payload';
import { useTeams } from '../../../app/teams';
import { ROLES } from '../../../../common/roles';
import {
  createItem,
  keys,
  updateItem,
  useMarkdownPreview,
  useProductPicker,
  useSituations,
  type KnowledgeBody,
} from '../queries';
import { Html } from './Html';

export const TYPES = [
  'product_sheet',
  'procedure',
  'answer',
  'objection',
  'competitor_watch',
  'win_story',
  'training',
];

/** What the editor needs of an existing item. */
export type EditableItem = {
  id: string;
  type: string;
  title: string;
  problem: string;
  body: string;
  tags: string[];
  visibility: string;
  delivery: string;
  productIds: string[];
  situationIds: string[];
  audience?: { teamIds: string[]; roles: string[] };
  pushAt?: string | null;
};

type Form = EditorForm;
const EMPTY: Form = {
  type: 'answer',
  title: '',
  problem: '',
  body: '',
  tags: '',
  visibility: 'public',
  delivery: 'pull',
  productIds: [],
  situationIds: [],
  teamIds: [],
  roles: [],
  pushAt: '',
};
// Only the editable fields are copied: the item as read also carries id, status, version…
const toForm = (item?: EditableItem): Form =>
  item
    ? {
        type: item.type,
        title: item.title,
        problem: item.problem ?? '',
        body: item.body,
        tags: item.tags.join(', '),
        visibility: item.visibility,
        delivery: item.delivery,
        productIds: item.productIds ?? [],
        situationIds: item.situationIds ?? [],
        teamIds: item.audience?.teamIds ?? [],
        roles: item.audience?.roles ?? [],
        pushAt: toLocalInput(item.pushAt),
      }
    : EMPTY;

/** PUSH-1: who a push item reaches and when (on publication, or at a date). */
function PushFields({
  form,
  set,
  errors,
}: {
  form: Form;
  set: (patch: Partial<Form>) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Card withBorder padding="sm" data-testid="knowledge-push-fields">
      <Text size="sm" fw={600}>
        {t('knowledge:push.title')}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('knowledge:push.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <MultiSelect
          label={t('knowledge:push.teams')}
          placeholder={form.teamIds.length ? undefined : t('knowledge:push.allMyTeams')}
          searchable
          clearable
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={form.teamIds}
          error={errors.teamIds}
          onChange={(teamIds) => set({ teamIds })}
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label={t('knowledge:push.roles')}
          placeholder={form.roles.length ? undefined : t('knowledge:push.allRoles')}
          clearable
          data={ROLES.map((role) => ({ value: role, label: t(`knowledge:push.role.${role}`) }))}
          value={form.roles}
          error={errors.roles}
          onChange={(roles) => set({ roles })}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          type="datetime-local"
          label={t('knowledge:push.when')}
          description={t('knowledge:push.whenHint')}
          value={form.pushAt}
          error={errors.pushAt}
          onChange={(e) => set({ pushAt: e.currentTarget.value })}
        />
      </SimpleGrid>
    </Card>
  );
}

/** The Markdown rendered by the server (same renderer and sanitiser as the stored item). */
function Preview({ body }: { body: string }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(body, 300);
  const preview = useMarkdownPreview(debounced);
  return (
    <Card withBorder mih={160} data-testid="knowledge-preview">
      {preview.isPending ? (
        <Loader size="sm" />
      ) : preview.data?.html ? (
        <Html html={preview.data.html} />
      ) : (
        <Text c="dimmed" size="sm">
          {t('knowledge:editor.emptyPreview')}
        </Text>
      )}
    </Card>
  );
}

/** Product and situation pickers (searchable; the catalogue and the situations the user may see). */
function LinkPickers({
  form,
  set,
  errors,
}: {
  form: Form;
  set: (patch: Partial<Form>) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const products = useProductPicker();
  const situations = useSituations();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <MultiSelect
        label={t('knowledge:field.products')}
        searchable
        clearable
        placeholder={t('knowledge:editor.pick')}
        nothingFoundMessage={t('knowledge:editor.nothingFound')}
        data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.reference} — ${p.name}` }))}
        error={errors.productIds}
        value={form.productIds}
        onChange={(productIds) => set({ productIds })}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('knowledge:field.situations')}
        searchable
        clearable
        placeholder={t('knowledge:editor.pick')}
        nothingFoundMessage={t('knowledge:editor.nothingFound')}
        data={(situations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        error={errors.situationIds}
        value={form.situationIds}
        onChange={(situationIds) => set({ situationIds })}
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}

/** Editor (create or edit): Markdown with a server-rendered preview, type, tags, products, situations, visibility, delivery. */
export function EditorModal({
  opened,
  onClose,
  item,
}: {
  opened: boolean;
  onClose: () => void;
  item?: EditableItem;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(toForm(item));
  const [tab, setTab] = useState<string | null>('write');
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    // The error is shown once, in the dialog, next to the field it concerns.
    meta: { handlesErrors: true },
    mutationFn: async () => {
      // The form's choices are the API's values; a new item always carries its title.
      if (!item) return createItem(toPayload(form) as KnowledgeBody);
      const changed = changedPayload(form, item);
      if (Object.keys(changed).length === 0) return null;
      return updateItem(item.id, changed);
    },
    onSuccess: (saved) => {
      onClose();
      client.invalidateQueries({ queryKey: keys.items });
      client.invalidateQueries({ queryKey: keys.lists });
      client.invalidateQueries({ queryKey: keys.allVersions });
      if (!item && saved) navigate(`/knowledge/${saved.id}`);
      else if (saved && 'reviewVersion' in saved && saved.reviewVersion)
        notifySuccess(t('knowledge:editor.savedForReview', { version: saved.reviewVersion }));
      else if (saved) notifySuccess(t('knowledge:editor.saved'));
    },
  });
  const reset = save.reset;
  useEffect(() => {
    if (opened) {
      setForm(toForm(item));
      setTab('write');
      reset();
    }
  }, [opened, item, reset]);
  const problem = save.error && isApiError(save.error) ? save.error.problem : null;
  const fieldError = errorsByField(problem?.errors);
  const unplaced = save.error && Object.keys(fieldError).length === 0;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={item ? t('knowledge:editor.editTitle') : t('knowledge:list.new')}
      size="xl"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}
    >
      <Stack gap="sm">
        <TextInput
          label={t('knowledge:field.title')}
          required
          maxLength={300}
          value={form.title}
          error={fieldError.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('knowledge:field.type')}
            data={TYPES.map((value) => ({ value, label: t(`knowledge:type.${value}`) }))}
            error={fieldError.type}
            value={form.type}
            onChange={(value) => set({ type: value ?? 'answer' })}
            allowDeselect={false}
          />
          <TextInput
            label={t('knowledge:field.tags')}
            value={form.tags}
            error={fieldError.tags}
            onChange={(e) => set({ tags: e.currentTarget.value })}
          />
        </SimpleGrid>
        {form.type === 'answer' && (
          <Textarea
            label={t('knowledge:field.problem')}
            autosize
            minRows={2}
            maxLength={20000}
            error={fieldError.problem}
            value={form.problem}
            onChange={(e) => set({ problem: e.currentTarget.value })}
          />
        )}
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="write">{t('knowledge:field.body')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('knowledge:editor.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              aria-label={t('knowledge:field.body')}
              autosize
              minRows={8}
              maxRows={20}
              maxLength={200000}
              error={fieldError.body}
              value={form.body}
              onChange={(e) => set({ body: e.currentTarget.value })}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t('knowledge:editor.markdownHint')}
            </Text>
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            <Preview body={form.body} />
          </Tabs.Panel>
        </Tabs>
        <LinkPickers form={form} set={set} errors={fieldError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('knowledge:field.visibility')}
            data={['public', 'team', 'restricted', 'secret'].map((value) => ({
              value,
              label: t(`knowledge:visibility.${value}`),
            }))}
            error={fieldError.visibility}
            value={form.visibility}
            onChange={(value) => set({ visibility: value ?? 'public' })}
            allowDeselect={false}
          />
          <Select
            label={t('knowledge:field.delivery')}
            data={['pull', 'push'].map((value) => ({ value, label: t(`knowledge:delivery.${value}`) }))}
            error={fieldError.delivery}
            value={form.delivery}
            onChange={(value) => set({ delivery: value ?? 'pull' })}
            allowDeselect={false}
          />
        </SimpleGrid>
        {form.delivery === 'push' && <PushFields form={form} set={set} errors={fieldError} />}
        {save.error && (
          <Alert color="red" role="alert" data-testid="editor-error">
            {unplaced ? errorMessage(save.error, i18n) : t('knowledge:editor.fixFields')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('knowledge:editor.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!form.title.trim()}>
            {t('knowledge:editor.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

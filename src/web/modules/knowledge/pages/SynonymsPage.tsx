import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../../app/error-message';
import { hasRole, useCurrentUser } from '../../../app/session';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import {
  createSynonymGroup,
  deleteSynonymGroup,
  keys,
  updateSynonymGroup,
  useSynonymGroups,
  type SynonymGroup,
} from '../queries';

/** The terms of the input: its chips, and the text still being typed (commas split it). */
const termsOf = (chips: string[], pending: string) => [
  ...chips,
  ...pending
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean),
];

/**
 * KB-3 item 4: the synonyms of the knowledge search. Experts keep groups of terms that mean the
 * same in French and English (lave-vaisselle ↔ dishwasher); the search uses them at once, so a
 * query in one language finds the items written in the other. Everyone may read the list; only
 * experts and admins change it.
 */
export function SynonymsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('knowledge:synonyms.title'));
  const canEdit = hasRole(useCurrentUser(), ['expert', 'admin']);
  const [q, setQ] = useState('');
  const groups = useSynonymGroups(q.trim());
  return (
    <Stack maw={900} mx="auto" gap="md">
      <PageHeader
        title={t('knowledge:synonyms.title')}
        description={t('knowledge:synonyms.subtitle')}
        mb={0}
      />
      {canEdit && <NewGroup />}
      <TextInput
        leftSection={<IconSearch size={16} aria-hidden />}
        label={t('knowledge:synonyms.filter')}
        placeholder={t('knowledge:synonyms.filterPlaceholder')}
        value={q}
        onChange={(event) => setQ(event.currentTarget.value)}
        maxLength={60}
      />
      {groups.isPending && <Loader size="sm" />}
      {groups.isError && (
        <Alert color="red" role="alert">
          {errorMessage(groups.error, i18n)}
        </Alert>
      )}
      {groups.data && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('knowledge:synonyms.count', { count: groups.data.total })}
        </Text>
      )}
      {groups.data?.items.map((group) => (
        <GroupCard key={group.id} group={group} canEdit={canEdit} />
      ))}
    </Stack>
  );
}

/** Chips of terms: Enter or a comma adds the term typed. */
function TermsInput(props: {
  value: string[];
  onChange: (terms: string[]) => void;
  pending: string;
  onPendingChange: (text: string) => void;
  error?: string;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <TagsInput
      label={props.label}
      description={t('knowledge:synonyms.termsHelp')}
      placeholder={props.value.length ? undefined : t('knowledge:synonyms.termsPlaceholder')}
      value={props.value}
      onChange={props.onChange}
      searchValue={props.pending}
      onSearchChange={props.onPendingChange}
      error={props.error}
      maxTags={20}
      // The text still typed is saved with the chips (termsOf); made a chip on blur, it would
      // reflow the field and move the button under the finger between press and release.
      acceptValueOnBlur={false}
      clearable
      data-testid="synonym-terms"
    />
  );
}

function useSaved() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: keys.allSynonyms });
}

function NewGroup() {
  const { t, i18n } = useTranslation();
  const saved = useSaved();
  const [terms, setTerms] = useState<string[]>([]);
  const [pending, setPending] = useState('');
  const create = useMutation({
    mutationFn: (all: string[]) => createSynonymGroup(all),
    onSuccess: () => {
      setTerms([]);
      setPending('');
      saved();
    },
  });
  const all = termsOf(terms, pending);
  const fields = fieldErrors(create.error, i18n);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="new-synonyms">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(all);
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h5" id="new-synonyms">
            {t('knowledge:synonyms.new')}
          </Title>
          <TermsInput
            label={t('knowledge:synonyms.terms')}
            value={terms}
            onChange={setTerms}
            pending={pending}
            onPendingChange={setPending}
            error={
              create.isError ? (Object.values(fields)[0] ?? errorMessage(create.error, i18n)) : undefined
            }
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconPlus size={16} />}
              loading={create.isPending}
              disabled={all.length < 2}
            >
              {t('knowledge:synonyms.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function GroupCard({ group, canEdit }: { group: SynonymGroup; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const saved = useSaved();
  const [editing, setEditing] = useState<string[] | null>(null);
  const [pending, setPending] = useState('');
  const [confirming, setConfirming] = useState(false);
  const update = useMutation({
    mutationFn: (terms: string[]) => updateSynonymGroup(group.id, terms),
    onSuccess: () => {
      setEditing(null);
      saved();
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteSynonymGroup(group.id),
    onSuccess: () => {
      setConfirming(false);
      saved();
    },
  });
  const label = group.terms.join(' ↔ ');
  if (editing) {
    const all = termsOf(editing, pending);
    const fields = fieldErrors(update.error, i18n);
    return (
      <Card withBorder padding="md" data-testid="synonym-group">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(all);
          }}
        >
          <Stack gap="sm">
            <TermsInput
              label={t('knowledge:synonyms.editLabel', { terms: label })}
              value={editing}
              onChange={setEditing}
              pending={pending}
              onPendingChange={setPending}
              error={
                update.isError ? (Object.values(fields)[0] ?? errorMessage(update.error, i18n)) : undefined
              }
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending} disabled={all.length < 2}>
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    );
  }
  return (
    <Card withBorder padding="sm" data-testid="synonym-group">
      <Group justify="space-between" wrap="nowrap" gap="xs" align="center">
        <Group gap={6} wrap="wrap" style={{ minWidth: 0 }} aria-label={label}>
          {group.terms.map((term, index) => (
            <Badge key={`${term}-${index}`} variant="light" size="lg" tt="none" style={{ maxWidth: '100%' }}>
              {term}
            </Badge>
          ))}
        </Group>
        {canEdit && (
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              size="lg"
              aria-label={t('knowledge:synonyms.edit', { terms: label })}
              onClick={() => {
                update.reset();
                setPending('');
                setEditing(group.terms);
              }}
            >
              <IconPencil size={18} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('knowledge:synonyms.delete', { terms: label })}
              onClick={() => setConfirming(true)}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        )}
      </Group>
      {remove.isError && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {errorMessage(remove.error, i18n)}
        </Text>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('knowledge:synonyms.deleteTitle')}
        message={t('knowledge:synonyms.deleteMessage', { terms: label })}
        confirmLabel={t('common:actions.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}

import { CUSTOM_FIELD_LIMITS } from '../../../common/limits';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../app/error-message';
import { i18n } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { createCustomField, deleteCustomField, keys, useCustomFields, type CustomField } from './queries';

const TYPES = ['text', 'number', 'date', 'choice'] as const;
const empty = { key: '', labelFr: '', labelEn: '', fieldType: 'text', choices: [] as string[] };

/** Admin: the custom fields of accounts and contacts (CRM-1). */
export function CustomFieldsPage() {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<'account' | 'contact'>('account');
  const fields = useCustomFields(entity);
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.customFields });
  const create = useMutation({
    meta: { handlesErrors: true }, // field errors under their field, any other error notified once below
    mutationFn: () =>
      createCustomField({
        ...values,
        entity,
        position: (fields.data?.length ?? 0) + 1,
      } as Parameters<typeof createCustomField>[0]),
    onSuccess: () => {
      setValues(empty);
      setErrors({});
      refresh();
      notifySuccess(t('customFields.created'));
    },
    onError: (error) => {
      const found = fieldErrors(error, i18n);
      setErrors(found);
      if (!Object.keys(found).length) notifyError(error);
    },
  });
  const remove = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (id: string) => deleteCustomField(id),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
    onError: (error) => notifyError(error),
  });
  const set = (key: keyof typeof empty) => (event: { currentTarget: { value: string } }) => {
    // Read now: React may run the updater after the event's target is gone (typing fast crashed the form).
    const value = event.currentTarget.value;
    setValues((c) => ({ ...c, [key]: value }));
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('customFields.title')} description={t('customFields.description')} />
      <SegmentedControl
        value={entity}
        onChange={(v) => setEntity(v as 'account' | 'contact')}
        data={[
          { value: 'account', label: t('accounts.title') },
          { value: 'contact', label: t('contacts.title') },
        ]}
      />
      <Paper withBorder>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customFields.label')}</Table.Th>
              <Table.Th>{t('customFields.key')}</Table.Th>
              <Table.Th>{t('customFields.type')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(fields.data ?? []).map((field) => (
              <Table.Tr key={field.id}>
                <Table.Td>
                  <Text size="sm">{i18n.language === 'en' ? field.labelEn : field.labelFr}</Text>
                  {field.choices.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {field.choices.join(' · ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {field.key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`customFields.types.${field.fieldType}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('common.delete')}
                    onClick={() => setDeleting(field)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
            {fields.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" ta="center" py="md">
                    {t('customFields.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="sm">
            <Text fw={600}>{t('customFields.add')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                required
                label={t('customFields.labelFr')}
                maxLength={CUSTOM_FIELD_LIMITS.labelFr}
                value={values.labelFr}
                onChange={set('labelFr')}
                error={errors.labelFr}
              />
              <TextInput
                required
                label={t('customFields.labelEn')}
                maxLength={CUSTOM_FIELD_LIMITS.labelEn}
                value={values.labelEn}
                onChange={set('labelEn')}
                error={errors.labelEn}
              />
              <TextInput
                required
                label={t('customFields.key')}
                maxLength={CUSTOM_FIELD_LIMITS.key}
                description={t('customFields.keyHelp')}
                value={values.key}
                onChange={set('key')}
                error={errors.key}
              />
              <Select
                label={t('customFields.type')}
                data={TYPES.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))}
                value={values.fieldType}
                onChange={(v) => setValues((c) => ({ ...c, fieldType: v ?? 'text' }))}
                allowDeselect={false}
              />
            </SimpleGrid>
            {values.fieldType === 'choice' && (
              <TagsInput
                label={t('customFields.choices')}
                value={values.choices}
                onChange={(choices) => setValues((c) => ({ ...c, choices }))}
                error={errors.choices}
              />
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                {t('common.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ConfirmModal
        opened={deleting !== null}
        title={t('customFields.deleteTitle')}
        message={t('customFields.deleteMessage', { label: deleting?.labelFr ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TEAM_KINDS, type TeamKind } from '../../../../common/roles';
import { fieldErrors } from '../../../app/error-message';
import { notifyError, notifySuccess } from '../../../app/notify';
import { teamsQueryKey, useTeams, type Team } from '../../../app/teams';
import { useSimpleForm } from '../../../app/use-simple-form';
import { createTeam, updateTeam } from '../queries';
import { descendantIds } from '../team-tree';
import { teamOptions } from './role-options';
import { UserPicker } from './UserPicker';

/** What the modal edits: an existing team, or a new one with preset kind and parent. */
export type TeamDraft =
  { mode: 'edit'; team: Team } | { mode: 'create'; kind: TeamKind; parentId: string | null };

export function TeamFormModal({ draft, onClose }: { draft: TeamDraft; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const existing = draft.mode === 'edit' ? draft.team : undefined;
  const form = useSimpleForm(
    {
      name: existing?.name ?? '',
      kind: existing?.kind ?? (draft.mode === 'create' ? draft.kind : 'team'),
      parentId: (existing ? existing.parentId : draft.mode === 'create' ? draft.parentId : null) ?? '',
      managerId: existing?.managerId ?? '',
    },
    (values) => ({ name: values.name.trim() ? undefined : t('common:validation.required') }),
  );

  const save = useMutation({
    mutationFn: (values: typeof form.values) => {
      const body = {
        name: values.name.trim(),
        kind: values.kind as TeamKind,
        parentId: values.parentId || null,
        managerId: values.managerId || null,
      };
      return existing ? updateTeam(existing.id, body) : createTeam(body);
    },
    meta: { handlesErrors: true },
    onSuccess: () => {
      notifySuccess(existing ? t('admin:teams.saved') : t('admin:teams.created'));
      void queryClient.invalidateQueries({ queryKey: teamsQueryKey });
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  // A team cannot move under itself or one of its own sub-teams.
  const excluded = existing ? descendantIds(teams.data ?? [], existing.id) : undefined;

  return (
    <Modal
      opened
      onClose={onClose}
      title={existing ? t('admin:teams.editTitle') : t('admin:teams.createTitle')}
      centered
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('admin:teams.name')} required data-autofocus {...form.inputProps('name')} />
          <Select
            label={t('admin:teams.kind')}
            data={TEAM_KINDS.map((kind) => ({ value: kind, label: t(`admin:teams.kinds.${kind}`) }))}
            value={form.values.kind}
            onChange={(value) => form.setValue('kind', value ?? 'team')}
            error={form.errors.kind}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('admin:teams.parent')}
            placeholder={t('admin:teams.noParent')}
            data={teamOptions(teams.data, excluded)}
            value={form.values.parentId || null}
            onChange={(value) => form.setValue('parentId', value ?? '')}
            error={form.errors.parentId}
            clearable
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <UserPicker
            label={t('admin:teams.manager')}
            value={form.values.managerId || null}
            selectedLabel={existing?.managerName}
            onChange={(value) => form.setValue('managerId', value ?? '')}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {existing ? t('common:actions.save') : t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

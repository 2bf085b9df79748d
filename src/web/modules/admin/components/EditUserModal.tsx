import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../common/roles';
import { fieldErrors } from '../../../app/error-message';
import { notifyError, notifySuccess } from '../../../app/notify';
import { meQueryKey } from '../../../app/session';
import { useSimpleForm } from '../../../app/use-simple-form';
import { teamsQueryKey } from '../../../app/teams';
import { keys, updateUser, type AdminUser } from '../queries';
import { RoleTeamFields } from './RoleTeamFields';

/** Change a person's name, role and team. Mount with `key={user.id}` so the form resets. */
export function EditUserModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useSimpleForm(
    {
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role as string,
      teamId: user.teamId ?? '',
    },
    (values) => ({
      firstName: values.firstName.trim() ? undefined : t('common:validation.required'),
      lastName: values.lastName.trim() ? undefined : t('common:validation.required'),
    }),
  );

  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      updateUser(user.id, {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        role: values.role as Role,
        teamId: values.teamId || null,
      }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      notifySuccess(t('admin:users.edit.saved'));
      void queryClient.invalidateQueries({ queryKey: keys.users });
      void queryClient.invalidateQueries({ queryKey: teamsQueryKey });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('admin:users.edit.title')} size="lg" centered>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('identity:fields.firstName')} {...form.inputProps('firstName')} />
            <TextInput label={t('identity:fields.lastName')} {...form.inputProps('lastName')} />
          </SimpleGrid>
          <RoleTeamFields
            role={form.values.role}
            teamId={form.values.teamId}
            onRoleChange={(role) => form.setValue('role', role)}
            onTeamChange={(teamId) => form.setValue('teamId', teamId)}
            errors={form.errors}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

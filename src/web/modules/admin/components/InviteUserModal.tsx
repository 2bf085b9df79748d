import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../common/roles';
import { fieldErrors } from '../../../app/error-message';
import { notifyError } from '../../../app/notify';
import { useSimpleForm } from '../../../app/use-simple-form';
import { isEmail } from '../../../app/validation';
import { teamsQueryKey } from '../../../app/teams';
import { inviteUser, keys } from '../queries';
import { RoleTeamFields } from './RoleTeamFields';

const emptyInvite = { email: '', firstName: '', lastName: '', role: 'rep', teamId: '' };

/** Absolute invitation link, whether the server sends a path or a full URL. */
export function absoluteInviteUrl(inviteUrl: string, origin: string): string {
  return /^https?:\/\//.test(inviteUrl)
    ? inviteUrl
    : `${origin}${inviteUrl.startsWith('/') ? '' : '/'}${inviteUrl}`;
}

export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const form = useSimpleForm(emptyInvite, (values) => ({
    email: isEmail(values.email) ? undefined : t('common:validation.email'),
    firstName: values.firstName.trim() ? undefined : t('common:validation.required'),
    lastName: values.lastName.trim() ? undefined : t('common:validation.required'),
  }));

  const invite = useMutation({
    mutationFn: (values: typeof emptyInvite) =>
      inviteUser({
        email: values.email.trim(),
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        role: values.role as Role,
        teamId: values.teamId || null,
      }),
    meta: { handlesErrors: true },
    onSuccess: (result) => {
      setInviteUrl(absoluteInviteUrl(result.inviteUrl, window.location.origin));
      void queryClient.invalidateQueries({ queryKey: keys.users });
      void queryClient.invalidateQueries({ queryKey: teamsQueryKey });
    },
    onError: (error) => {
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  const close = () => {
    form.reset();
    setInviteUrl(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('admin:users.invite.title')} size="lg" centered>
      {inviteUrl ? (
        <Stack>
          <Alert color="teal" icon={<IconCheck />}>
            {t('admin:users.invite.done', { email: form.values.email.trim() })}
          </Alert>
          <Text size="sm">{t('admin:users.invite.linkHelp')}</Text>
          <TextInput
            value={inviteUrl}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            data-testid="invite-url"
          />
          <Group justify="flex-end">
            <CopyButton value={inviteUrl}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : 'blue'}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t('common:actions.copied') : t('common:actions.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('common:actions.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((values) => invite.mutate(values))} noValidate>
          <Stack>
            <TextInput
              label={t('identity:fields.email')}
              type="email"
              required
              data-autofocus
              {...form.inputProps('email')}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput label={t('identity:fields.firstName')} required {...form.inputProps('firstName')} />
              <TextInput label={t('identity:fields.lastName')} required {...form.inputProps('lastName')} />
            </SimpleGrid>
            <RoleTeamFields
              role={form.values.role}
              teamId={form.values.teamId}
              onRoleChange={(role) => form.setValue('role', role)}
              onTeamChange={(teamId) => form.setValue('teamId', teamId)}
              errors={form.errors}
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={close}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" leftSection={<IconMailForward size={16} />} loading={invite.isPending}>
                {t('admin:users.invite.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

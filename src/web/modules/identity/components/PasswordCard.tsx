import { Button, Card, Checkbox, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api/client';
import { errorMessage, fieldErrors } from '../../../app/error-message';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useSimpleForm } from '../../../app/use-simple-form';
import { isStrongEnoughPassword, MIN_PASSWORD_LENGTH } from '../../../app/validation';
import { changePassword, keys } from '../queries';

const emptyPasswords = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function PasswordCard() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // A changed password usually means a leaked one: the tokens go too unless the person keeps them.
  const [revokeTokens, setRevokeTokens] = useState(true);
  const form = useSimpleForm(emptyPasswords, (values) => ({
    currentPassword: values.currentPassword ? undefined : t('common:validation.required'),
    newPassword: isStrongEnoughPassword(values.newPassword)
      ? undefined
      : t('common:validation.passwordLength', { min: MIN_PASSWORD_LENGTH }),
    confirmPassword:
      values.confirmPassword === values.newPassword ? undefined : t('common:validation.passwordMismatch'),
  }));

  const change = useMutation({
    mutationFn: (values: typeof emptyPasswords) =>
      changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
        revokeTokens,
      }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
      notifySuccess(t('identity:profile.password.changed'));
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'auth.wrong_password') {
        form.setErrors({ currentPassword: errorMessage(error, i18n) });
        return;
      }
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="md">
        {t('identity:profile.password.title')}
      </Title>
      <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label={t('identity:fields.currentPassword')}
            autoComplete="current-password"
            {...form.inputProps('currentPassword')}
          />
          <PasswordInput
            label={t('identity:fields.newPassword')}
            description={t('common:validation.passwordLength', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            {...form.inputProps('newPassword')}
          />
          <PasswordInput
            label={t('identity:fields.confirmPassword')}
            autoComplete="new-password"
            {...form.inputProps('confirmPassword')}
          />
          <Checkbox
            label={t('identity:profile.password.revokeTokens')}
            checked={revokeTokens}
            onChange={(event) => setRevokeTokens(event.currentTarget.checked)}
            data-testid="password-revoke-tokens"
          />
          <Text size="sm" c="dimmed">
            {t('identity:profile.password.otherSessions')}
          </Text>
        </Stack>
        <Group justify="flex-end" mt="md">
          <Button type="submit" loading={change.isPending}>
            {t('identity:profile.password.submit')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

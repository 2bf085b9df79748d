import { Button, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { fieldErrors } from '../../../app/error-message';
import { notifyError } from '../../../app/notify';
import { completeSignIn } from '../../../app/session';
import { useSimpleForm } from '../../../app/use-simple-form';
import { isEmail, isStrongEnoughPassword, MIN_PASSWORD_LENGTH } from '../../../app/validation';
import { AuthLayout } from '../../../components/AuthLayout';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { keys, runSetup, useSetupStatus } from '../queries';

const emptySetup = {
  organisationName: '',
  firstName: '',
  lastName: '',
  email: '',
  password: '',
  confirmPassword: '',
};

/** First start: creates the organisation and its first administrator, then signs them in. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const status = useSetupStatus();

  const form = useSimpleForm(emptySetup, (values) => ({
    organisationName: values.organisationName.trim() ? undefined : t('common:validation.required'),
    firstName: values.firstName.trim() ? undefined : t('common:validation.required'),
    lastName: values.lastName.trim() ? undefined : t('common:validation.required'),
    email: isEmail(values.email) ? undefined : t('common:validation.email'),
    password: isStrongEnoughPassword(values.password)
      ? undefined
      : t('common:validation.passwordLength', { min: MIN_PASSWORD_LENGTH }),
    confirmPassword:
      values.confirmPassword === values.password ? undefined : t('common:validation.passwordMismatch'),
  }));

  const setup = useMutation({
    mutationFn: ({ confirmPassword: _confirm, ...values }: typeof emptySetup) =>
      runSetup({ ...values, email: values.email.trim() }),
    meta: { handlesErrors: true },
    onSuccess: async (result) => {
      queryClient.setQueryData(keys.setup, { needsSetup: false });
      if (result?.user) await completeSignIn(queryClient, result);
      else await queryClient.invalidateQueries({ queryKey: ['me'] });
      navigate('/', { replace: true });
    },
    onError: (error) => {
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  if (status.isPending) return <FullPageLoader />;
  if (status.data && !status.data.needsSetup && !setup.isSuccess) return <Navigate to="/login" replace />;

  return (
    <AuthLayout title={t('identity:setup.title')} subtitle={t('identity:setup.subtitle')} width={520}>
      <form onSubmit={form.onSubmit((values) => setup.mutate(values))} noValidate>
        <Stack>
          <TextInput
            label={t('identity:fields.organisationName')}
            required
            autoFocus
            {...form.inputProps('organisationName')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('identity:fields.firstName')}
              autoComplete="given-name"
              required
              {...form.inputProps('firstName')}
            />
            <TextInput
              label={t('identity:fields.lastName')}
              autoComplete="family-name"
              required
              {...form.inputProps('lastName')}
            />
          </SimpleGrid>
          <TextInput
            label={t('identity:fields.email')}
            type="email"
            autoComplete="email"
            required
            {...form.inputProps('email')}
          />
          <PasswordInput
            label={t('identity:fields.password')}
            description={t('common:validation.passwordLength', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            {...form.inputProps('password')}
          />
          <PasswordInput
            label={t('identity:fields.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.inputProps('confirmPassword')}
          />
          <Button type="submit" loading={setup.isPending} fullWidth mt="xs">
            {t('identity:setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

import { problemText } from '../../../../common/errors';
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../app/api/client';
import { errorMessage, fieldErrors } from '../../../app/error-message';
import { notifyError } from '../../../app/notify';
import { completeSignIn } from '../../../app/session';
import { useSimpleForm } from '../../../app/use-simple-form';
import { isStrongEnoughPassword, MIN_PASSWORD_LENGTH } from '../../../app/validation';
import { AuthLayout } from '../../../components/AuthLayout';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { acceptInvitation, useInvitation } from '../queries';

/** An invited person chooses a password and lands signed in. */
export function InvitePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitation = useInvitation(token);

  const form = useSimpleForm({ password: '', confirmPassword: '' }, (values) => ({
    password: isStrongEnoughPassword(values.password)
      ? undefined
      : t('common:validation.passwordLength', { min: MIN_PASSWORD_LENGTH }),
    confirmPassword:
      values.confirmPassword === values.password ? undefined : t('common:validation.passwordMismatch'),
  }));

  const accept = useMutation({
    mutationFn: (password: string) => acceptInvitation(token, password),
    meta: { handlesErrors: true },
    onSuccess: async (result) => {
      await completeSignIn(queryClient, result);
      navigate('/', { replace: true });
    },
    onError: (error) => {
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  if (invitation.isPending) return <FullPageLoader />;
  if (invitation.isError) {
    return (
      <AuthLayout title={t('identity:invite.invalidTitle')}>
        <Stack>
          <Text>
            {isApiError(invitation.error) &&
            invitation.error.status < 500 &&
            invitation.error.code !== 'invite.used'
              ? problemText('invite.not_found', i18n.language === 'en' ? 'en' : 'fr')
              : errorMessage(invitation.error, i18n)}
          </Text>
          <Text c="dimmed" size="sm">
            {t('identity:invite.invalidHelp')}
          </Text>
          <Button component={Link} to="/login" variant="light">
            {t('identity:invite.goToLogin')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  const { firstName, email } = invitation.data;
  return (
    <AuthLayout
      title={t('identity:invite.title', { firstName })}
      subtitle={t('identity:invite.subtitle', { email })}
    >
      <form onSubmit={form.onSubmit((values) => accept.mutate(values.password))} noValidate>
        <Stack>
          <PasswordInput
            label={t('identity:fields.newPassword')}
            description={t('common:validation.passwordLength', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            autoFocus
            {...form.inputProps('password')}
          />
          <PasswordInput
            label={t('identity:fields.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.inputProps('confirmPassword')}
          />
          <Button type="submit" loading={accept.isPending} fullWidth mt="xs">
            {t('identity:invite.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconKey, IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../app/api/client';
import { errorMessage } from '../../../app/error-message';
import { completeSignIn, useMe } from '../../../app/session';
import { AuthLayout } from '../../../components/AuthLayout';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { safeNextPath } from '../next-path';
import { problemText } from '../../../../common/errors';
import { signIn, ssoStartUrl, useSetupStatus, useSsoState } from '../queries';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const me = useMe();
  const setup = useSetupStatus();
  const sso = useSsoState();
  // The single sign-on callback lands here with the reason of a refusal.
  const ssoError = params.get('sso_error');
  const [passwordShown, setPasswordShown] = useState(false);

  const login = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    meta: { handlesErrors: true },
    onSuccess: async (result) => {
      await completeSignIn(queryClient, result);
      navigate(next, { replace: true });
    },
  });

  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={next} replace />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  const error = login.error;
  const locked = isApiError(error) && error.code === 'auth.locked';
  const retryAfter =
    isApiError(error) && typeof error.problem.retryAfterSeconds === 'number'
      ? error.problem.retryAfterSeconds
      : undefined;

  const language = i18n.language?.startsWith('en') ? 'en' : 'fr';
  const ssoEnabled = sso.data?.enabled ?? false;
  // "SSO only": the password form stays for administrators, behind a link (the break-glass).
  const showPassword = !sso.data?.ssoOnly || passwordShown;

  return (
    <AuthLayout title={t('identity:login.title')} subtitle={t('identity:login.subtitle')}>
      {ssoError && (
        <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="sso-error" mb="md">
          {problemText(ssoError, language) ?? problemText('bad_request', language)}
        </Alert>
      )}
      {ssoEnabled && (
        <Stack gap="xs" mb={showPassword ? 'md' : 0}>
          {sso.data?.ssoOnly && (
            <Text size="sm" c="dimmed" ta="center">
              {t('identity:login.ssoOnlyHelp')}
            </Text>
          )}
          <Button
            component="a"
            href={ssoStartUrl(next)}
            leftSection={<IconKey size={18} />}
            variant={sso.data?.ssoOnly ? 'filled' : 'light'}
            fullWidth
          >
            {t('identity:login.sso', { label: sso.data?.buttonLabel || t('identity:login.ssoDefault') })}
          </Button>
          {showPassword && <Divider label={t('identity:login.or')} labelPosition="center" mt="xs" />}
          {!showPassword && (
            <Button variant="subtle" size="xs" onClick={() => setPasswordShown(true)}>
              {t('identity:login.adminPassword')}
            </Button>
          )}
        </Stack>
      )}
      {showPassword && (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            {error && (
              <Alert
                color={locked ? 'orange' : 'red'}
                icon={locked ? <IconLock /> : <IconAlertCircle />}
                role="alert"
                data-testid="login-error"
              >
                {locked && retryAfter !== undefined
                  ? t('identity:login.lockedUntil', { time: dayjs().add(retryAfter, 'second').format('LT') })
                  : errorMessage(error, i18n)}
              </Alert>
            )}
            <TextInput
              label={t('identity:fields.email')}
              type="email"
              autoComplete="username"
              required
              autoFocus={!ssoEnabled}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('identity:fields.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button
              type="submit"
              loading={login.isPending}
              disabled={!email.trim() || !password}
              fullWidth
              mt="xs"
            >
              {t('identity:login.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

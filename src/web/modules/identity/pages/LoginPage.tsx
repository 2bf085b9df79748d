import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
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
import { signIn, useSetupStatus } from '../queries';

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

  return (
    <AuthLayout title={t('identity:login.title')} subtitle={t('identity:login.subtitle')}>
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
            autoFocus
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
    </AuthLayout>
  );
}

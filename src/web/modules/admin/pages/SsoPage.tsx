import {
  Alert,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../app/error-message';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useTeams } from '../../../app/teams';
import { ErrorState } from '../../../components/ErrorState';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { roleOptions, teamOptions } from '../components/role-options';
import { keys, saveSsoSettings, useSsoSettings, type SsoSettings, type SsoSettingsChange } from '../queries';

type Form = Omit<SsoSettingsChange, 'clientSecret'> & { clientSecret: string; removeSecret: boolean };

const formOf = (settings: SsoSettings): Form => ({
  enabled: settings.enabled,
  issuerUrl: settings.issuerUrl,
  clientId: settings.clientId,
  clientSecret: '',
  removeSecret: false,
  buttonLabel: settings.buttonLabel,
  provision: settings.provision,
  defaultRole: settings.defaultRole,
  defaultTeamId: settings.defaultTeamId,
  ssoOnly: settings.ssoOnly,
});

/** Single sign-on settings (ID-2): the provider, who may get an account, and "SSO only". */
export function SsoPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('admin:sso.title'));
  const queryClient = useQueryClient();
  const settings = useSsoSettings();
  const teams = useTeams();
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (settings.data && !form) setForm(formOf(settings.data));
  }, [settings.data, form]);

  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  if (!settings.data || !form) return <FullPageLoader />;
  const current = settings.data;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const { clientSecret, removeSecret, ...rest } = form;
    try {
      // The secret is write-only: sent only when typed (or removed), else the stored one stays.
      const saved = await saveSsoSettings({
        ...rest,
        ...(clientSecret ? { clientSecret } : removeSecret ? { clientSecret: '' } : {}),
      });
      queryClient.setQueryData(keys.sso, saved);
      await queryClient.invalidateQueries({ queryKey: ['sso'] });
      setForm(formOf(saved));
      notifySuccess(t('admin:sso.saved'));
    } catch (error) {
      const byField = fieldErrors(error, i18n);
      setErrors(byField);
      if (Object.keys(byField).length === 0) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('admin:sso.title')} description={t('admin:sso.subtitle')} />
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={760}>
          <Card withBorder>
            <Stack>
              <Switch
                label={t('admin:sso.enabled')}
                checked={form.enabled}
                onChange={(event) => set('enabled', event.currentTarget.checked)}
              />
              <TextInput
                label={t('admin:sso.issuerUrl')}
                description={t('admin:sso.issuerHelp')}
                placeholder="https://login.example.com/realms/company"
                value={form.issuerUrl}
                onChange={(event) => set('issuerUrl', event.currentTarget.value)}
                error={errors.issuerUrl}
                maxLength={500}
                required={form.enabled}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('admin:sso.clientId')}
                  value={form.clientId}
                  onChange={(event) => set('clientId', event.currentTarget.value)}
                  error={errors.clientId}
                  maxLength={200}
                  required={form.enabled}
                />
                <PasswordInput
                  label={t('admin:sso.clientSecret')}
                  description={
                    current.clientSecretSet ? t('admin:sso.secretKept') : t('admin:sso.secretNone')
                  }
                  value={form.clientSecret}
                  onChange={(event) => set('clientSecret', event.currentTarget.value)}
                  error={errors.clientSecret}
                  maxLength={500}
                  autoComplete="new-password"
                />
              </SimpleGrid>
              {current.clientSecretSet && !form.clientSecret && (
                <Checkbox
                  label={t('admin:sso.removeSecret')}
                  checked={form.removeSecret}
                  onChange={(event) => set('removeSecret', event.currentTarget.checked)}
                />
              )}
              <TextInput
                label={t('admin:sso.buttonLabel')}
                description={t('admin:sso.buttonHelp')}
                placeholder="Microsoft"
                value={form.buttonLabel}
                onChange={(event) => set('buttonLabel', event.currentTarget.value)}
                error={errors.buttonLabel}
                maxLength={60}
              />
              <Alert icon={<IconInfoCircle />} color="blue" variant="light">
                <Text size="sm" mb={4}>
                  {t('admin:sso.redirectUri')}
                </Text>
                <Group gap="xs" wrap="nowrap">
                  <Code style={{ overflowWrap: 'anywhere' }} data-testid="sso-redirect-uri">
                    {current.redirectUri}
                  </Code>
                  <CopyButton value={current.redirectUri}>
                    {({ copied, copy }) => (
                      <Button size="compact-xs" variant="subtle" onClick={copy}>
                        {copied ? t('common:actions.copied') : t('common:actions.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Alert>
            </Stack>
          </Card>
          <Card withBorder>
            <Stack>
              <Switch
                label={t('admin:sso.provision')}
                description={t('admin:sso.provisionHelp')}
                checked={form.provision}
                onChange={(event) => set('provision', event.currentTarget.checked)}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('admin:sso.defaultRole')}
                  data={roleOptions(t)}
                  value={form.defaultRole}
                  onChange={(value) => set('defaultRole', (value ?? form.defaultRole) as Form['defaultRole'])}
                  error={errors.defaultRole}
                  allowDeselect={false}
                  disabled={!form.provision}
                />
                <Select
                  label={t('admin:sso.defaultTeam')}
                  placeholder={t('admin:sso.noTeam')}
                  data={teamOptions(teams.data)}
                  value={form.defaultTeamId}
                  onChange={(value) => set('defaultTeamId', value)}
                  error={errors.defaultTeamId}
                  clearable
                  searchable
                  disabled={!form.provision}
                />
              </SimpleGrid>
            </Stack>
          </Card>
          <Card withBorder>
            <Switch
              label={t('admin:sso.ssoOnly')}
              description={t('admin:sso.ssoOnlyHelp')}
              checked={form.ssoOnly}
              onChange={(event) => set('ssoOnly', event.currentTarget.checked)}
              error={errors.ssoOnly}
            />
          </Card>
          <Group justify="flex-end">
            <Button type="submit" loading={saving}>
              {t('admin:sso.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

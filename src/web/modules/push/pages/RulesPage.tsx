import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { severityColor } from '../severity';
import { keys, updateRule, usePushActions, useRules, type RulesQuery, type Rule } from '../queries';

export const canManageRules = (role: string) => role === 'expert' || role === 'admin';

/** Contextual alert rules (PUSH-2): list with filters; experts and admins create, edit, enable. */
export function RulesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('push:nav.rules'));
  const me = useCurrentUser();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [action, setAction] = useState<string | null>(null);
  const [severity, setSeverity] = useState<string | null>(null);
  // Rules checked inside Relais, or written for other applications calling the check API.
  const [scope, setScope] = useState<'app' | 'other'>('app');
  const actions = usePushActions();
  const query = {
    q: debounced || undefined,
    action: action ?? undefined,
    severity: severity ?? undefined,
    scope,
    limit: 200,
    sort: 'name',
  };
  const rules = useRules(query as RulesQuery);
  const toggle = async (rule: Rule, enabled: boolean) => {
    try {
      await updateRule(rule.id, { enabled });
      void client.invalidateQueries({ queryKey: keys.rules });
    } catch (error) {
      notifyError(error);
    }
  };
  const locale = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <>
      <PageHeader
        title={t('push:nav.rules')}
        description={t('push:rules.subtitle')}
        actions={
          canManageRules(me.role) && (
            <Button component={Link} to="/push-rules/new" leftSection={<IconPlus size={16} />}>
              {t('push:rules.new')}
            </Button>
          )
        }
      />
      {me.role !== 'rep' && (
        <SegmentedControl
          mb="sm"
          value={scope}
          onChange={(value) => {
            setScope(value as 'app' | 'other');
            setAction(null);
          }}
          data={[
            { value: 'app', label: t('push:rules.scopeApp') },
            { value: 'other', label: t('push:rules.scopeOther') },
          ]}
        />
      )}
      {scope === 'other' && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('push:rules.otherHint')}
        </Text>
      )}
      <Group gap="xs" mb="sm" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={14} />}
          placeholder={t('push:rules.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 200px' }}
        />
        <Select
          placeholder={t('push:rules.allActions')}
          clearable
          searchable
          value={action}
          onChange={setAction}
          data={(actions.data?.items ?? [])
            .filter((a) => a.builtIn === (scope === 'app'))
            .map((a) => ({ value: a.name, label: a.label || a.name }))}
          w={240}
        />
        <Select
          placeholder={t('push:rules.allSeverities')}
          clearable
          value={severity}
          onChange={setSeverity}
          data={['info', 'warning', 'blocking'].map((s) => ({ value: s, label: t(`push:severity.${s}`) }))}
          w={150}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('push:rules.count', { count: rules.data?.total ?? 0 })}
      </Text>
      <Stack gap="xs">
        {rules.data?.items.map((rule) => (
          <Card key={rule.id} withBorder radius="md" p="sm" style={{ opacity: rule.enabled ? 1 : 0.6 }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="wrap">
                  <Badge size="sm" color={severityColor(rule.severity)}>
                    {t(`push:severity.${rule.severity}`)}
                  </Badge>
                  <Badge size="sm" variant="outline" tt="none">
                    {rule.actionLabel}
                  </Badge>
                  {rule.example && (
                    <Badge size="sm" color="gray" variant="light">
                      {t('push:rules.example')}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    v{rule.version}
                  </Text>
                  {rule.effectiveFrom && (
                    <Text size="xs" c="dimmed">
                      {t('push:rules.fromDate', { date: formatDate(rule.effectiveFrom) })}
                    </Text>
                  )}
                </Group>
                <Text fw={600} component={Link} to={`/push-rules/${rule.id}`}>
                  {rule.name}
                </Text>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {rule.message[locale].replace(/[*_]/g, '')}
                </Text>
              </Stack>
              {canManageRules(me.role) && (
                <Switch
                  checked={rule.enabled}
                  onChange={(e) => toggle(rule, e.currentTarget.checked)}
                  aria-label={t('push:rules.enabled')}
                />
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    </>
  );
}

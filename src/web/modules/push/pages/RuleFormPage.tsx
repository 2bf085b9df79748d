import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { formatDateTime } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { useTeams } from '../../../app/teams';
import { PageHeader } from '../../../components/PageHeader';
import {
  createRule,
  deleteRule,
  keys,
  tryRule,
  updateRule,
  usePushActions,
  useRule,
  useRuleVersions,
  type RuleBody,
  type TryResult,
  type ActionDef,
  type Severity,
} from '../queries';
import { AlertCard } from '../push-check';
import { ConditionsBuilder, toFlat } from './ConditionsBuilder';
import { canManageRules } from './RulesPage';

type Draft = {
  name: string;
  action: string;
  conditions: unknown;
  severity: Severity;
  effectiveFrom: string;
  effectiveTo: string;
  roles: string[];
  teamIds: string[];
  fr: string;
  en: string;
  enabled: boolean;
};
const EMPTY: Draft = {
  name: '',
  action: 'offer.create',
  conditions: { all: [] },
  severity: 'warning',
  effectiveFrom: '',
  effectiveTo: '',
  roles: [],
  teamIds: [],
  fr: '',
  en: '',
  enabled: true,
};

/** A sample action for the preview: the action's fields, with the values the conditions test. */
function sampleFor(action: ActionDef | undefined, conditions: unknown) {
  const fields: Record<string, unknown> = Object.fromEntries(
    (action?.fields ?? [])
      .slice(0, 5)
      .map((f) => [
        f.name,
        f.type === 'number'
          ? 0
          : f.type === 'boolean'
            ? true
            : f.type === 'date'
              ? new Date().toISOString().slice(0, 10)
              : f.type === 'strings' || f.type === 'ids'
                ? []
                : '',
      ]),
  );
  for (const leaf of toFlat(conditions)?.leaves ?? []) {
    const value = Array.isArray(leaf.value) ? leaf.value[0] : leaf.value;
    if (value !== undefined && typeof value !== 'object') fields[leaf.field] = value;
  }
  return JSON.stringify(fields, null, 2);
}

/** Create or edit a rule, with a "try this rule" preview against a sample action. */
export function RuleFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useCurrentUser();
  const teams = useTeams();
  const actions = usePushActions();
  const rule = useRule(id);
  const versions = useRuleVersions(id);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [json, setJson] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sample, setSample] = useState('');
  const [at, setAt] = useState('');
  const [tried, setTried] = useState<TryResult | null>(null);
  const action = actions.data?.items.find((a) => a.name === draft.action);
  const readOnly = !canManageRules(me.role);

  useEffect(() => {
    const r = rule.data;
    if (r)
      setDraft({
        name: r.name,
        action: r.action,
        conditions: r.conditions,
        severity: r.severity,
        effectiveFrom: r.effectiveFrom?.slice(0, 10) ?? '',
        effectiveTo: r.effectiveTo?.slice(0, 10) ?? '',
        roles: r.audience.roles,
        teamIds: r.audience.teamIds,
        fr: r.message.fr,
        en: r.message.en,
        enabled: r.enabled,
      });
  }, [rule.data]);
  const [sampleOf, setSampleOf] = useState('');
  useEffect(() => {
    if (!action || (id && !rule.data) || sampleOf === action.name) return;
    setSample(sampleFor(action, draft.conditions));
    setSampleOf(action.name);
  }, [action, rule.data, draft.conditions, sampleOf, id]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const body = () => {
    let conditions = draft.conditions;
    if (json !== null) {
      try {
        conditions = JSON.parse(json);
      } catch {
        throw Object.assign(new Error('json'), { local: { conditions: t('push:conditions.invalidJson') } });
      }
    }
    return {
      name: draft.name,
      action: draft.action,
      conditions,
      severity: draft.severity,
      effectiveFrom: draft.effectiveFrom || null,
      effectiveTo: draft.effectiveTo || null,
      audience: { roles: draft.roles, teamIds: draft.teamIds },
      message: { fr: draft.fr, en: draft.en },
      enabled: draft.enabled,
    };
  };
  const showErrors = (error: any) => {
    const list = error?.local
      ? Object.entries(error.local)
      : (error?.problem?.errors ?? []).map((e: any) => [
          e.field.replace(/^rule\./, '').split('.')[0],
          e.message,
        ]);
    setErrors(Object.fromEntries(list));
    if (!list.length) notifyError(error);
  };
  const save = async () => {
    try {
      const saved = id ? await updateRule(id, body() as RuleBody) : await createRule(body() as RuleBody);
      setErrors({});
      void client.invalidateQueries({ queryKey: keys.all });
      notifySuccess(t('push:rules.saved', { version: saved.version }));
      navigate(`/push-rules/${saved.id}`);
    } catch (error) {
      showErrors(error);
    }
  };
  const tryIt = async () => {
    try {
      const fields = JSON.parse(sample || '{}');
      setTried(
        await tryRule({
          rule: body() as RuleBody,
          fields,
          at: at ? new Date(at).toISOString() : undefined,
        }),
      );
      setErrors({});
    } catch (error: any) {
      if (error instanceof SyntaxError) return setErrors({ sample: t('push:conditions.invalidJson') });
      showErrors(error);
    }
  };
  const remove = async () => {
    try {
      await deleteRule(id!);
      void client.invalidateQueries({ queryKey: keys.rules });
      navigate('/push-rules');
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={id ? draft.name || t('push:rules.edit') : t('push:rules.new')}
        actions={rule.data && <Badge variant="light">v{rule.data.version}</Badge>}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="md">
            <Stack gap="sm">
              <TextInput
                label={t('push:rules.name')}
                required
                value={draft.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                error={errors.name}
                readOnly={readOnly}
              />
              <Group grow wrap="wrap" align="flex-start">
                <Select
                  label={t('push:rules.action')}
                  searchable
                  allowDeselect={false}
                  value={draft.action}
                  miw={180}
                  data={(actions.data?.items ?? []).map((a) => ({
                    value: a.name,
                    label: `${a.label || a.name}${a.builtIn || a.example ? '' : ` (${t('push:rules.external')})`}`,
                  }))}
                  onChange={(value) => set({ action: value ?? draft.action })}
                  error={errors.action}
                  readOnly={readOnly}
                />
                <Select
                  label={t('push:rules.severity')}
                  allowDeselect={false}
                  value={draft.severity}
                  miw={140}
                  data={['info', 'warning', 'blocking'].map((s) => ({
                    value: s,
                    label: t(`push:severity.${s}`),
                  }))}
                  onChange={(v) => set({ severity: (v ?? 'info') as Severity })}
                  readOnly={readOnly}
                />
              </Group>
              <ConditionsBuilder
                action={action}
                value={draft.conditions}
                onChange={(conditions) => set({ conditions })}
                json={json}
                onJson={setJson}
                error={errors.conditions}
              />
              <Group grow wrap="wrap">
                <TextInput
                  type="date"
                  label={t('push:rules.effectiveFrom')}
                  value={draft.effectiveFrom}
                  onChange={(e) => set({ effectiveFrom: e.currentTarget.value })}
                  miw={150}
                />
                <TextInput
                  type="date"
                  label={t('push:rules.effectiveTo')}
                  value={draft.effectiveTo}
                  onChange={(e) => set({ effectiveTo: e.currentTarget.value })}
                  error={errors.effectiveTo}
                  miw={150}
                />
              </Group>
              <Group grow wrap="wrap" align="flex-start">
                <MultiSelect
                  label={t('push:broadcasts.roles')}
                  data={['rep', 'manager', 'expert', 'admin'].map((r) => ({
                    value: r,
                    label: t(`common:roles.${r}`),
                  }))}
                  value={draft.roles}
                  onChange={(roles) => set({ roles })}
                  miw={180}
                />
                <MultiSelect
                  label={t('push:broadcasts.teams')}
                  data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
                  value={draft.teamIds}
                  onChange={(teamIds) => set({ teamIds })}
                  searchable
                  miw={180}
                  error={errors.audience}
                />
              </Group>
              <Textarea
                label={t('push:rules.messageFr')}
                description={t('push:rules.markdown')}
                autosize
                minRows={2}
                value={draft.fr}
                onChange={(e) => set({ fr: e.currentTarget.value })}
                error={errors.message}
              />
              <Textarea
                label={t('push:rules.messageEn')}
                autosize
                minRows={2}
                value={draft.en}
                onChange={(e) => set({ en: e.currentTarget.value })}
              />
              <Switch
                label={t('push:rules.enabled')}
                checked={draft.enabled}
                onChange={(e) => set({ enabled: e.currentTarget.checked })}
              />
              {!readOnly && (
                <Group justify="space-between">
                  {id ? (
                    <Button variant="subtle" color="red" onClick={remove}>
                      {t('push:rules.delete')}
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button onClick={save}>{t('push:rules.save')}</Button>
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Card withBorder radius="md">
              <Text fw={600} mb="xs">
                {t('push:rules.try')}
              </Text>
              <Textarea
                label={t('push:rules.sample')}
                autosize
                minRows={4}
                ff="monospace"
                fz="xs"
                value={sample}
                onChange={(e) => setSample(e.currentTarget.value)}
                error={errors.sample}
              />
              <TextInput
                type="date"
                label={t('push:rules.tryAt')}
                value={at}
                onChange={(e) => setAt(e.currentTarget.value)}
                mt="xs"
                w={180}
              />
              <Button mt="sm" variant="light" onClick={tryIt}>
                {t('push:rules.tryButton')}
              </Button>
              {tried && (
                <Stack gap="xs" mt="sm">
                  <Alert
                    color={tried.fires ? 'teal' : 'gray'}
                    title={t(tried.fires ? 'push:rules.fires' : 'push:rules.silent')}
                  >
                    <Text size="sm">
                      {t('push:rules.tryDetail', {
                        conditions: t(tried.conditionsHold ? 'push:common.yes' : 'push:common.no'),
                        effective: t(tried.effective ? 'push:common.yes' : 'push:common.no'),
                        audience: t(tried.audienceIncludesMe ? 'push:common.yes' : 'push:common.no'),
                      })}
                    </Text>
                  </Alert>
                  {tried.fires && (
                    <AlertCard
                      alert={{
                        ruleId: '',
                        ruleKey: '',
                        version: 0,
                        name: draft.name,
                        severity: tried.severity as Severity,
                        message: tried.message,
                        html: tried.html,
                        knowledge: [],
                        requiresAck: tried.severity === 'blocking',
                        acknowledgedAt: null,
                      }}
                    />
                  )}
                </Stack>
              )}
            </Card>
            {versions.data && (
              <Card withBorder radius="md">
                <Text fw={600} mb="xs">
                  {t('push:rules.versions')}
                </Text>
                <Timeline bulletSize={14} lineWidth={2}>
                  {versions.data.items.slice(0, 8).map((v) => (
                    <Timeline.Item key={v.version} title={`v${v.version}`}>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(v.changedAt)} · {v.changedBy ?? '—'}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

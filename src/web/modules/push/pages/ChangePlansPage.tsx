import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Progress,
  RingProgress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDate, formatPercent } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import {
  addPlanAction,
  createPlan,
  keys,
  updatePlanAction,
  usePlan,
  usePlans,
  type PlanActionPatch,
  type Plan,
  type PlanAction,
  searchPeople,
} from '../queries';
import { canBroadcast } from './BroadcastsPage';

const STATUS_COLOR: Record<string, string> = {
  todo: 'gray',
  in_progress: 'blue',
  done: 'teal',
  cancelled: 'dark',
};

function ProgressBar({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const p = plan.progress;
  return (
    <Stack gap={2}>
      <Progress.Root size="lg">
        <Progress.Section value={p.total ? (100 * p.done) / p.total : 0} color="teal" />
        <Progress.Section value={p.total ? (100 * p.inProgress) / p.total : 0} color="blue" />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        {t('push:plans.progress', { done: p.done, total: p.total, percent: formatPercent(p.percent) })}
        {p.late ? ` · ${t('push:plans.late', { count: p.late })}` : ''}
      </Text>
    </Stack>
  );
}

/** Change-communication plans (PUSH-7): list with progress. */
export function ChangePlansPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('push:nav.changePlans'));
  const me = useCurrentUser();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ title: '', description: '', startsOn: '', endsOn: '' });
  const plans = usePlans();
  const create = async () => {
    try {
      await createPlan({
        ...form,
        startsOn: form.startsOn || null,
        endsOn: form.endsOn || null,
      });
      void client.invalidateQueries({ queryKey: keys.plans });
      setCreating(false);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <>
      <PageHeader
        title={t('push:nav.changePlans')}
        description={t('push:plans.subtitle')}
        actions={
          canBroadcast(me.role) && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('push:plans.new')}
            </Button>
          )
        }
      />
      <Stack gap="sm">
        {plans.data?.items.length === 0 && <Text c="dimmed">{t('push:plans.empty')}</Text>}
        {plans.data?.items.map((plan) => (
          <Card key={plan.id} withBorder radius="md" p="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Anchor component={Link} to={`/change-plans/${plan.id}`} fw={600}>
                {plan.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDate(plan.startsOn)} → {formatDate(plan.endsOn)}
              </Text>
            </Group>
            <ProgressBar plan={plan} />
          </Card>
        ))}
      </Stack>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('push:plans.new')}>
        <Stack gap="sm">
          <TextInput
            label={t('push:plans.titleField')}
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <Textarea
            label={t('push:plans.description')}
            autosize
            minRows={3}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('push:plans.startsOn')}
              value={form.startsOn}
              onChange={(e) => setForm({ ...form, startsOn: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('push:plans.endsOn')}
              value={form.endsOn}
              onChange={(e) => setForm({ ...form, endsOn: e.currentTarget.value })}
            />
          </Group>
          <Group justify="flex-end">
            <Button onClick={create}>{t('push:plans.create')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The person in charge of an action, found by name (the people search answers from two letters on). */
function PersonSelect({
  value,
  options,
  onOptions,
  onChange,
}: {
  value: string | null;
  options: { value: string; label: string }[];
  onOptions: (options: { value: string; label: string }[]) => void;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const search = async (q: string) => {
    if (q.trim().length < 2) return;
    const found = await searchPeople(q);
    const chosen = options.filter((option) => option.value === value);
    const hits = found.items.map((hit) => ({
      value: hit.id,
      label: hit.subtitle ? `${hit.title} (${hit.subtitle})` : hit.title,
    }));
    onOptions([...chosen, ...hits.filter((hit) => hit.value !== value)]);
  };
  return (
    <Select
      size="xs"
      searchable
      clearable
      label={t('push:plans.owner')}
      placeholder={t('push:plans.ownerPlaceholder')}
      data={options}
      value={value}
      onChange={onChange}
      onSearchChange={(q) => void search(q).catch(() => undefined)}
      filter={({ options: all }) => all}
      nothingFoundMessage={t('push:plans.ownerHelp')}
      style={{ flex: '1 1 180px' }}
    />
  );
}

/** One plan: its table of actions (means, function, who, due, status, link) and progress. */
export function ChangePlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const client = useQueryClient();
  const [adding, setAdding] = useState({
    means: '',
    function: '',
    dueOn: '',
    ownerId: null as string | null,
  });
  const [people, setPeople] = useState<{ value: string; label: string }[]>([]);
  const plan = usePlan(id);
  const refresh = () => client.invalidateQueries({ queryKey: keys.plan });
  const setStatus = async (action: PlanAction, status: string | null) => {
    try {
      await updatePlanAction(id, action.id, { status } as PlanActionPatch);
      void refresh();
    } catch (error) {
      notifyError(error);
    }
  };
  const add = async () => {
    try {
      await addPlanAction(id, { ...adding, dueOn: adding.dueOn || null });
      setAdding({ means: '', function: '', dueOn: '', ownerId: null });
      void refresh();
    } catch (error) {
      notifyError(error);
    }
  };
  const p = plan.data;
  if (!p) return null;
  const manages = canBroadcast(me.role);
  return (
    <>
      <PageHeader
        title={p.title}
        description={`${formatDate(p.startsOn)} → ${formatDate(p.endsOn)} · ${p.ownerName ?? ''}`}
        actions={
          <RingProgress
            size={64}
            thickness={7}
            roundCaps
            sections={[{ value: p.progress.percent, color: 'teal' }]}
            label={
              <Text ta="center" size="xs" fw={700}>
                {p.progress.percent}%
              </Text>
            }
          />
        }
      />
      <Text mb="md" size="sm">
        {p.description.replace(/\*\*/g, '')}
      </Text>
      <ProgressBar plan={p} />
      <Card withBorder radius="md" p="xs" mt="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('push:plans.means')}</Table.Th>
                <Table.Th>{t('push:plans.function')}</Table.Th>
                <Table.Th>{t('push:plans.owner')}</Table.Th>
                <Table.Th>{t('push:plans.due')}</Table.Th>
                <Table.Th>{t('push:plans.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.actions?.map((action) => (
                <Table.Tr key={action.id}>
                  <Table.Td>
                    {action.means}
                    {action.link && (
                      <Text size="xs">
                        <Anchor component={Link} to={action.link.url}>
                          {t(`push:plans.link.${action.link.type}`)}
                          {action.link.title ? ` : ${action.link.title}` : ''}
                        </Anchor>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{action.function}</Table.Td>
                  <Table.Td>{action.ownerName ?? '—'}</Table.Td>
                  <Table.Td>
                    {formatDate(action.dueOn)}
                    {action.late && (
                      <Badge ml={4} size="xs" color="red">
                        {t('push:plans.lateBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {manages || action.ownerId === me.id ? (
                      <Select
                        size="xs"
                        w={130}
                        allowDeselect={false}
                        value={action.status}
                        onChange={(s) => setStatus(action, s)}
                        data={['todo', 'in_progress', 'done', 'cancelled'].map((s) => ({
                          value: s,
                          label: t(`push:plans.statuses.${s}`),
                        }))}
                        aria-label={t('push:plans.status')}
                      />
                    ) : (
                      <Badge color={STATUS_COLOR[action.status]}>
                        {t(`push:plans.statuses.${action.status}`)}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {manages && (
          <Group gap="xs" mt="sm" wrap="wrap" align="flex-end">
            <TextInput
              size="xs"
              label={t('push:plans.means')}
              value={adding.means}
              onChange={(e) => setAdding({ ...adding, means: e.currentTarget.value })}
              style={{ flex: '1 1 160px' }}
            />
            <TextInput
              size="xs"
              label={t('push:plans.function')}
              value={adding.function}
              onChange={(e) => setAdding({ ...adding, function: e.currentTarget.value })}
              style={{ flex: '1 1 160px' }}
            />
            <PersonSelect
              value={adding.ownerId}
              options={people}
              onOptions={setPeople}
              onChange={(ownerId) => setAdding({ ...adding, ownerId })}
            />
            <TextInput
              size="xs"
              type="date"
              label={t('push:plans.due')}
              value={adding.dueOn}
              onChange={(e) => setAdding({ ...adding, dueOn: e.currentTarget.value })}
            />
            <Button size="xs" onClick={add} disabled={!adding.means.trim()}>
              {t('push:plans.addAction')}
            </Button>
          </Group>
        )}
      </Card>
    </>
  );
}

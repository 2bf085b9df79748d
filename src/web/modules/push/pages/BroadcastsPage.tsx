import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Progress,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { useTeams, type Team } from '../../../app/teams';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import {
  acknowledgeBroadcast,
  createBroadcast,
  keys,
  previewAudience,
  useBroadcasts,
  type AudienceBody,
  type BroadcastBody,
  type Broadcast,
} from '../queries';

export const canBroadcast = (role: string) => ['manager', 'expert', 'admin'].includes(role);

export function scheduleLabel(t: (key: string, options?: any) => string, b: Broadcast) {
  const day = (monthDay: string | null) => (monthDay ? dayjs(`2000-${monthDay}`).format('D MMMM') : '');
  if (b.schedule.kind === 'season')
    return t('push:broadcasts.season', { from: day(b.schedule.from), to: day(b.schedule.to) });
  if (b.schedule.kind === 'at') return t('push:broadcasts.at', { date: formatDate(b.schedule.startsAt) });
  return formatDate(b.createdAt);
}

/**
 * The teams a broadcaster may reach, as the server decides it: an admin every team; anyone else
 * the teams they belong to or manage, and every team below them.
 */
export function reachableTeams(
  teams: Team[],
  me: { id: string; role: string; teamId: string | null },
): Team[] {
  if (me.role === 'admin') return teams;
  const reachable = new Set(
    teams.filter((team) => team.id === me.teamId || team.managerId === me.id).map((team) => team.id),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const team of teams)
      if (team.parentId && reachable.has(team.parentId) && !reachable.has(team.id)) {
        reachable.add(team.id);
        grew = true;
      }
  }
  return teams.filter((team) => reachable.has(team.id));
}

function CreateBroadcast({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useCurrentUser();
  const teams = useTeams();
  const [form, setForm] = useState({
    title: '',
    body: '',
    teamIds: [] as string[],
    roles: [] as string[],
    segments: [] as string[],
    sectors: [] as string[],
    countries: [] as string[],
    requiresAck: false,
    ackDue: '',
    kind: 'now',
    startsAt: '',
    from: '09-01',
    to: '10-15',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reach, setReach] = useState<number | null>(null);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const audience = {
    teamIds: form.teamIds,
    roles: form.roles,
    segments: form.segments,
    sectors: form.sectors,
    countries: form.countries,
  };
  const body = () => ({
    title: form.title,
    body: form.body,
    audience,
    requiresAck: form.requiresAck,
    ackDue: form.requiresAck && form.ackDue ? form.ackDue : null,
    schedule:
      form.kind === 'now'
        ? { kind: 'now' }
        : form.kind === 'at'
          ? { kind: 'at', startsAt: form.startsAt ? new Date(form.startsAt).toISOString() : undefined }
          : { kind: 'season', from: form.from, to: form.to },
  });
  const submit = async () => {
    try {
      await createBroadcast(body() as BroadcastBody);
      void client.invalidateQueries({ queryKey: keys.all });
      notifySuccess(t(form.kind === 'now' ? 'push:broadcasts.sent' : 'push:broadcasts.scheduled'));
      onClose();
    } catch (error: any) {
      const fieldErrors = Object.fromEntries(
        (error?.problem?.errors ?? []).map((e: any) => [
          e.field.split('.')[0],
          e.code === 'outside_your_teams'
            ? t('push:broadcasts.outsideYourTeams')
            : e.code === 'unknown_knowledge'
              ? t('push:broadcasts.unknownKnowledge')
              : e.message,
        ]),
      );
      setErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length) notifyError(error);
    }
  };
  return (
    <Stack gap="sm">
      <TextInput
        label={t('push:broadcasts.titleField')}
        required
        value={form.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors.title}
      />
      <Textarea
        label={t('push:broadcasts.body')}
        description={t('push:rules.markdown')}
        autosize
        minRows={3}
        value={form.body}
        onChange={(e) => set({ body: e.currentTarget.value })}
      />
      <Text fw={600} size="sm">
        {t('push:broadcasts.audience')}
      </Text>
      <MultiSelect
        label={t('push:broadcasts.teams')}
        description={t(me.role === 'admin' ? 'push:broadcasts.teamsHint' : 'push:broadcasts.teamsHintOwn')}
        data={reachableTeams(teams.data ?? [], me).map((team) => ({ value: team.id, label: team.name }))}
        value={form.teamIds}
        onChange={(teamIds) => set({ teamIds })}
        searchable
        error={errors.audience}
      />
      <MultiSelect
        label={t('push:broadcasts.roles')}
        data={['rep', 'manager', 'expert', 'admin'].map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        value={form.roles}
        onChange={(roles) => set({ roles })}
      />
      <Group grow wrap="wrap" align="flex-start">
        <TagsInput
          label={t('push:broadcasts.segments')}
          value={form.segments}
          onChange={(segments) => set({ segments })}
          miw={200}
        />
        <TagsInput
          label={t('push:broadcasts.sectors')}
          value={form.sectors}
          onChange={(sectors) => set({ sectors })}
          miw={200}
        />
        <TagsInput
          label={t('push:broadcasts.countries')}
          value={form.countries}
          onChange={(countries) => set({ countries })}
          miw={200}
        />
      </Group>
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          onClick={async () => setReach((await previewAudience(audience as AudienceBody)).count)}
        >
          {t('push:broadcasts.preview')}
        </Button>
        {reach !== null && <Text size="sm">{t('push:broadcasts.reach', { count: reach })}</Text>}
      </Group>
      <Checkbox
        label={t('push:broadcasts.requiresAck')}
        checked={form.requiresAck}
        onChange={(e) => set({ requiresAck: e.currentTarget.checked })}
      />
      {form.requiresAck && (
        <TextInput
          type="date"
          label={t('push:broadcasts.ackDue')}
          value={form.ackDue}
          onChange={(e) => set({ ackDue: e.currentTarget.value })}
          error={errors.ackDue}
          w={200}
        />
      )}
      <SegmentedControl
        fullWidth
        value={form.kind}
        onChange={(kind) => set({ kind })}
        data={[
          { value: 'now', label: t('push:broadcasts.now') },
          { value: 'at', label: t('push:broadcasts.later') },
          { value: 'season', label: t('push:broadcasts.yearly') },
        ]}
      />
      {form.kind === 'at' && (
        <TextInput
          type="datetime-local"
          label={t('push:broadcasts.startsAt')}
          value={form.startsAt}
          onChange={(e) => set({ startsAt: e.currentTarget.value })}
          error={errors.schedule}
        />
      )}
      {form.kind === 'season' && (
        <Group wrap="wrap">
          <TextInput
            label={t('push:broadcasts.seasonFrom')}
            placeholder="09-01"
            value={form.from}
            onChange={(e) => set({ from: e.currentTarget.value })}
            w={120}
            error={errors.schedule}
          />
          <TextInput
            label={t('push:broadcasts.seasonTo')}
            placeholder="10-15"
            value={form.to}
            onChange={(e) => set({ to: e.currentTarget.value })}
            w={120}
          />
        </Group>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('push:common.cancel')}
        </Button>
        <Button onClick={submit}>{t('push:broadcasts.send')}</Button>
      </Group>
    </Stack>
  );
}

export function BroadcastCard({ b }: { b: Broadcast }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useCurrentUser();
  const pendingAck = b.requiresAck && b.myReceipt && !b.myReceipt.ackedAt;
  const ack = async () => {
    await acknowledgeBroadcast(b.id);
    void client.invalidateQueries({ queryKey: keys.all });
  };
  return (
    <Card withBorder radius="md" p="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap={6}>
          {b.schedule.kind === 'season' && (
            <Badge size="sm" color="grape">
              {t('push:broadcasts.seasonal')}
            </Badge>
          )}
          {b.requiresAck && (
            <Badge size="sm" color="orange">
              {t('push:broadcasts.ackRequired')}
            </Badge>
          )}
          {b.myReceipt?.ackedAt && (
            <Badge size="sm" color="teal" leftSection={<IconCheck size={10} />}>
              {t('push:broadcasts.acked')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {scheduleLabel(t, b)} · {b.authorName}
        </Text>
      </Group>
      <Text fw={600} mt={4} component={Link} to={`/broadcasts/${b.id}`}>
        {b.title}
      </Text>
      <Text size="sm" c="dimmed" lineClamp={2}>
        {b.body.replace(/[*_#]/g, '')}
      </Text>
      {canBroadcast(me.role) && b.stats.recipients > 0 && (
        <Stack gap={2} mt="xs">
          <Progress.Root size="sm">
            <Progress.Section value={(100 * b.stats.read) / b.stats.recipients} color="blue" />
            {b.requiresAck && <Progress.Section value={0} />}
          </Progress.Root>
          <Text size="xs" c="dimmed">
            {t('push:broadcasts.stats', {
              read: b.stats.read,
              acked: b.stats.acked,
              total: b.stats.recipients,
            })}
          </Text>
        </Stack>
      )}
      {pendingAck && (
        <Button mt="xs" size="xs" color="orange" onClick={ack}>
          {t('push:broadcasts.ack')}
          {b.ackDue ? ` (${t('push:broadcasts.before', { date: formatDate(b.ackDue) })})` : ''}
        </Button>
      )}
    </Card>
  );
}

export function BroadcastsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('push:nav.broadcasts'));
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState('all');
  const list = useBroadcasts(filter);
  return (
    <>
      <PageHeader
        title={t('push:nav.broadcasts')}
        description={t('push:broadcasts.subtitle')}
        actions={
          canBroadcast(me.role) && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('push:broadcasts.new')}
            </Button>
          )
        }
      />
      <SegmentedControl
        mb="sm"
        size="xs"
        value={filter}
        onChange={setFilter}
        data={[
          { value: 'all', label: t('push:notifications.all') },
          { value: 'ack', label: t('push:notifications.toAck') },
        ]}
      />
      <Stack gap="sm">
        {list.data?.items.length === 0 && <Text c="dimmed">{t('push:broadcasts.empty')}</Text>}
        {list.data?.items.map((b) => (
          <BroadcastCard key={b.id} b={b} />
        ))}
      </Stack>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('push:broadcasts.new')}
        size="lg"
        fullScreen={window.innerWidth < 500}
      >
        {creating && <CreateBroadcast onClose={() => setCreating(false)} />}
      </Modal>
    </>
  );
}

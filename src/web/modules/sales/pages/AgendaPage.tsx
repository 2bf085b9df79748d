import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { IconBolt, IconFileDescription } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { OfflineNotice } from '../../../app/offline/OfflineNotice';
import { useCurrentUser } from '../../../app/session';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { isPlanned } from '../sales-format';
import {
  fetchActivity,
  fetchBrief,
  fetchRecentAccounts,
  keys,
  markActivityDone,
  offlinePaths,
  useAgenda,
  type Activity,
  type Agenda,
  type AgendaDay,
} from '../queries';
import { PendingCaptures } from '../outbox/PendingCaptures';
import { KindBadge, PlannedBadge } from '../components/kinds';

/** One visit or call of the day: prepare it (brief), then log it (quick capture completes it). */
function Meeting({ activity }: { activity: Activity }) {
  const { t } = useTranslation('sales');
  const planned = isPlanned(activity);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="agenda-visit">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
              {dayjs(activity.occurredAt).format('LT')}
            </Text>
            <KindBadge kind={activity.kind} style={{ flexShrink: 0 }} />
            <PlannedBadge planned={planned} style={{ flexShrink: 0 }} />
          </Group>
          <Anchor component={Link} to={`/activities/${activity.id}`} fw={600} truncate>
            {activity.accountName ?? activity.subject}
          </Anchor>
          {activity.report?.objectives && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {activity.report.objectives}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {activity.accountId && (
            <Button
              component={Link}
              to={`/accounts/${activity.accountId}/brief`}
              size="xs"
              variant="light"
              leftSection={<IconFileDescription size={14} />}
            >
              {t('brief.open')}
            </Button>
          )}
          {planned && (
            <Button
              component={Link}
              to={`/activities/new?plannedId=${activity.id}`}
              size="xs"
              leftSection={<IconBolt size={14} />}
            >
              {t('agenda.logIt')}
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}

function Task({
  task,
  today,
  onDone,
}: {
  task: Activity;
  today: string;
  onDone: (id: string, value: boolean) => void;
}) {
  const { t } = useTranslation('sales');
  return (
    <Group gap="xs" wrap="nowrap">
      <Checkbox
        aria-label={t('activities.markDone')}
        checked={Boolean(task.doneAt)}
        onChange={(event) => {
          const value = event.currentTarget.checked;
          onDone(task.id, value);
        }}
      />
      <Anchor component={Link} to={`/activities/${task.id}`} size="sm" truncate style={{ flex: 1 }}>
        {task.subject}
        {task.accountName ? ` · ${task.accountName}` : ''}
      </Anchor>
      {task.dueDate && task.dueDate < today && (
        <Badge color="red" variant="light" size="sm">
          {formatDate(task.dueDate)}
        </Badge>
      )}
    </Group>
  );
}

function dayTitle(
  day: AgendaDay,
  today: string,
  t: (key: string, options?: Record<string, unknown>) => string,
) {
  const date = dayjs(day.date).format('dddd LL');
  const offset = dayjs(day.date).diff(dayjs(today), 'day');
  if (offset === 0) return t('agenda.today', { date });
  if (offset === 1) return t('agenda.tomorrow', { date });
  return date.charAt(0).toUpperCase() + date.slice(1);
}

/**
 * Offline on the road (UX-2): once my day is shown, today's planned visits, their briefs and the
 * recent accounts quick capture starts from are fetched too, so the service worker keeps them.
 */
function useKeepTodayForOffline(agenda: Agenda | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (!agenda || !navigator.onLine) return;
    const today = agenda.days.find((day) => day.date === agenda.today);
    const visits = today?.visits ?? [];
    // The planned visit itself too: "Write the report" offline completes it, not a second visit.
    for (const visit of visits.filter(isPlanned))
      void client.prefetchQuery({
        queryKey: keys.activity(visit.id),
        queryFn: () => fetchActivity(visit.id),
        staleTime: 60_000,
      });
    const accounts = new Set(visits.map((visit) => visit.accountId).filter(Boolean) as string[]);
    for (const id of accounts)
      void client.prefetchQuery({
        queryKey: keys.brief(id),
        queryFn: () => fetchBrief(id),
        staleTime: 60_000,
      });
    void client.prefetchQuery({
      queryKey: keys.recentAccounts,
      queryFn: fetchRecentAccounts,
      staleTime: 60_000,
    });
  }, [agenda, client]);
}

/** The rep's agenda (CRM-9): today, tomorrow and the rest of the week, and what is late. */
export function AgendaPage() {
  const { t } = useTranslation('sales');
  useDocumentTitle(t('agenda.title'));
  const client = useQueryClient();
  const agenda = useAgenda(7);
  const me = useCurrentUser();
  useKeepTodayForOffline(agenda.data);
  const done = useMutation({
    mutationFn: ({ id, value }: { id: string; value: boolean }) => markActivityDone(id, value),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.agenda });
      void client.invalidateQueries({ queryKey: keys.myDashboard });
    },
    onError: (e) => notifyError(e),
  });
  if (agenda.error) return <ErrorState error={agenda.error} onRetry={() => void agenda.refetch()} />;
  const data = agenda.data;
  const onDone = (id: string, value: boolean) => done.mutate({ id, value });
  return (
    <Stack maw={900} mx="auto" gap="lg">
      <PageHeader
        title={t('agenda.title')}
        description={t('agenda.subtitle')}
        mb={0}
        actions={
          <Button component={Link} to="/activities/new" leftSection={<IconBolt size={16} />}>
            {t('activities.quick')}
          </Button>
        }
      />
      <OfflineNotice paths={[offlinePaths.agenda]} updatedAt={agenda.dataUpdatedAt} />
      <PendingCaptures userId={me.id} />
      {data && data.overdueTasks.length > 0 && (
        <Stack gap="xs">
          <Title order={4} c="red">
            {t('agenda.late')}
          </Title>
          {data.overdueTasks.map((task) => (
            <Task key={task.id} task={task} today={data.today} onDone={onDone} />
          ))}
        </Stack>
      )}
      {data?.days.map((day) => (
        <Stack key={day.date} gap="xs" component="section" aria-label={dayTitle(day, data.today, t)}>
          <Title order={4}>{dayTitle(day, data.today, t)}</Title>
          {day.visits.length === 0 && day.tasks.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('agenda.nothing')}
            </Text>
          )}
          {day.visits.map((visit) => (
            <Meeting key={visit.id} activity={visit} />
          ))}
          {day.tasks.map((task) => (
            <Task key={task.id} task={task} today={data.today} onDone={onDone} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

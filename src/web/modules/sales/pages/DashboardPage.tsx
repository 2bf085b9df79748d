import '@mantine/charts/styles.css';
import { BarChart, CompositeChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarShare, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatNumber, formatPercent, formatRatio, formatRelative } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { hasRole, useCurrentUser } from '../../../app/session';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { isPlanned, money } from '../sales-format';
import { createCalendarToken, keys, markActivityDone, useMyDashboard, useTeamDashboard } from '../queries';
import { KindBadge, PlannedBadge } from '../components/kinds';
import { RepOffersModal } from '../components/RepOffersModal';

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700}>
        {value}
      </Text>
    </Card>
  );
}

function CalendarCard() {
  const { t } = useTranslation('sales');
  const [url, setUrl] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => createCalendarToken(),
    onSuccess: (r) => setUrl(r.url),
    onError: (e) => notifyError(e),
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4}>{t('calendar.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('calendar.help')}
      </Text>
      {url ? (
        <Group gap="xs" wrap="nowrap">
          <TextInput
            value={url}
            readOnly
            style={{ flex: 1 }}
            aria-label={t('calendar.title')}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} leftSection={<IconCopy size={14} />}>
                {copied ? t('calendar.copied') : t('calendar.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Button
          variant="light"
          leftSection={<IconCalendarShare size={16} />}
          loading={rotate.isPending}
          onClick={() => rotate.mutate()}
        >
          {t('calendar.create')}
        </Button>
      )}
    </Card>
  );
}

function TeamOutcomes() {
  const { t, i18n } = useTranslation('sales');
  const team = useTeamDashboard();
  const [drilled, setDrilled] = useState<{ userId: string; name: string } | null>(null);
  if (!team.data) return null;
  const rate = (value: number | null) => formatPercent(value, i18n.language);
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4}>{t('dashboard.team.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('dashboard.team.help')}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.team.rep')}</Table.Th>
              <Table.Th>{t('dashboard.team.team')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.pipeline')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.winRate')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.won12')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {team.data.reps.map((rep) => (
              <Table.Tr key={rep.userId}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => setDrilled({ userId: rep.userId, name: rep.name })}
                  >
                    {rep.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{rep.teamName}</Table.Td>
                <Table.Td ta="right">{money(rep.openAmount, i18n.language)}</Table.Td>
                <Table.Td ta="right">{rate(rep.winRate)}</Table.Td>
                <Table.Td ta="right">{money(rep.wonAmount, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="md">
        {team.data.teams.map((row) => (
          <Kpi
            key={row.teamId}
            label={row.teamName}
            value={`${money(row.openAmount, i18n.language)} · ${rate(row.winRate)}`}
          />
        ))}
      </SimpleGrid>
      <RepOffersModal rep={drilled} onClose={() => setDrilled(null)} />
    </Card>
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation('sales');
  const user = useCurrentUser();
  const client = useQueryClient();
  useDocumentTitle(t('dashboard.title'));
  const dashboard = useMyDashboard();
  const done = useMutation({
    mutationFn: ({ id, value }: { id: string; value: boolean }) => markActivityDone(id, value),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.myDashboard }),
    onError: (e) => notifyError(e),
  });
  if (dashboard.error) return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  const lang = i18n.language;
  return (
    <Stack gap="lg" maw={1200} mx="auto">
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.subtitle', { name: user.firstName })}
        mb={0}
        actions={
          <Button component={Link} to="/activities/new">
            {t('activities.quick')}
          </Button>
        }
      />
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Kpi label={t('dashboard.pipeline')} value={money(data.totals.openAmount, lang)} />
            <Kpi label={t('dashboard.weighted')} value={money(data.totals.weightedAmount, lang)} />
            <Kpi label={t('dashboard.won12')} value={money(data.totals.wonAmount, lang)} />
            <Kpi label={t('dashboard.winRate')} value={formatPercent(data.totals.winRate, lang)} />
          </SimpleGrid>
          {/* Three tiles side by side clip their labels on a phone ("TAUX D'OUVERTUR"): one a row there. */}
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <Kpi label={t('dashboard.emailsSent')} value={formatNumber(data.emailSuccess.sent, lang)} />
            <Kpi label={t('dashboard.emailsOpened')} value={formatRatio(data.emailSuccess.openRate, lang)} />
            <Kpi
              label={t('dashboard.emailsClicked')}
              value={formatRatio(data.emailSuccess.clickRate, lang)}
            />
          </SimpleGrid>
          {data.emailSuccess.stored > 0 && (
            <Text size="sm" c="dimmed" mt={-8}>
              {t('dashboard.emailsStored', { count: data.emailSuccess.stored })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder radius="md" padding="lg">
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Title order={4}>{t('dashboard.myDay', { date: formatDate(data.today) })}</Title>
                <Anchor component={Link} to="/agenda" size="sm">
                  {t('agenda.open')}
                </Anchor>
              </Group>
              {data.myDay.visits.length === 0 && data.myDay.tasks.length === 0 && (
                <Text c="dimmed" size="sm">
                  {t('dashboard.nothingToday')}
                </Text>
              )}
              <Stack gap="xs">
                {data.myDay.visits.map((visit) => (
                  <Group key={visit.id} gap="xs" wrap="nowrap">
                    <Text size="sm" fw={600} w={48}>
                      {dayjs(visit.occurredAt).format('HH:mm')}
                    </Text>
                    <KindBadge kind={visit.kind} />
                    <Anchor
                      component={Link}
                      to={`/activities/${visit.id}`}
                      size="sm"
                      truncate
                      style={{ flex: 1 }}
                    >
                      {visit.accountName ?? visit.subject}
                    </Anchor>
                    <PlannedBadge planned={isPlanned(visit)} />
                  </Group>
                ))}
                {data.myDay.tasks.map((task) => (
                  <Group key={task.id} gap="xs" wrap="nowrap">
                    <Checkbox
                      aria-label={t('activities.markDone')}
                      checked={Boolean(task.doneAt)}
                      onChange={(e) => done.mutate({ id: task.id, value: e.currentTarget.checked })}
                    />
                    <Anchor
                      component={Link}
                      to={`/activities/${task.id}`}
                      size="sm"
                      truncate
                      style={{ flex: 1 }}
                    >
                      {task.subject}
                      {task.accountName ? ` · ${task.accountName}` : ''}
                    </Anchor>
                    <Text size="xs" c={task.dueDate && task.dueDate < data.today ? 'red' : 'dimmed'}>
                      {formatDate(task.dueDate)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Card>
            <Card withBorder radius="md" padding="lg">
              <Title order={4} mb="xs">
                {t('dashboard.byStage')}
              </Title>
              <BarChart
                h={220}
                dataKey="name"
                series={[{ name: 'amount', label: t('dashboard.amount'), color: 'blue.6' }]}
                data={data.openOffersByStage.map((s) => ({
                  name: lang === 'en' ? s.nameEn : s.nameFr,
                  amount: s.amount,
                  count: s.count,
                }))}
                valueFormatter={(v) => money(v, lang)}
                withLegend={false}
                gridAxis="y"
              />
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder radius="md" padding="lg">
              <Title order={4} mb="xs">
                {t('dashboard.winRateByMonth')}
              </Title>
              <CompositeChart
                h={240}
                dataKey="month"
                withLegend
                data={data.winRateByMonth.map((m) => ({
                  month: dayjs(`${m.month}-01`).format('MMM YY'),
                  won: m.won,
                  lost: m.lost,
                }))}
                series={[
                  { name: 'won', label: t('dashboard.won'), color: 'teal.6', type: 'bar' },
                  { name: 'lost', label: t('dashboard.lost'), color: 'red.5', type: 'bar' },
                ]}
                yAxisProps={{ allowDecimals: false }}
              />
            </Card>
            <Card withBorder radius="md" padding="lg">
              <Title order={4} mb="xs">
                {t('dashboard.recent')}
              </Title>
              <Stack gap="xs">
                {data.recentActivity.map((a) => (
                  <Group key={a.id} gap="xs" wrap="nowrap">
                    <KindBadge kind={a.kind} />
                    <Anchor
                      component={Link}
                      to={`/activities/${a.id}`}
                      size="sm"
                      truncate
                      style={{ flex: 1 }}
                    >
                      {a.subject}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatRelative(a.occurredAt)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Card>
          </SimpleGrid>
          <CalendarCard />
          {hasRole(user, ['manager', 'admin']) && <TeamOutcomes />}
        </>
      )}
    </Stack>
  );
}

import { Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea, Title, UnstyledButton } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconArrowLeft, IconCalendarEvent, IconPhone } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../app/api';
import { formatRelative } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useDocumentTitle } from '../../../components/use-document-title';
import { usePushCheck } from '../../push/push-check';
import type { Activity, ActivityKind } from '../api';
import { AccountPicker } from '../components/pickers';

interface RecentAccount { id: string; name: string; city: string | null; lastAt: string | null }

/** Quick capture (CRM-9): account → kind → save, with the date, kind and subject prefilled. */
export function QuickCapturePage() {
  const { t } = useTranslation('sales');
  useDocumentTitle(t('activities.quick'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const pushCheck = usePushCheck();
  const [params] = useSearchParams();
  const [account, setAccount] = useState<{ id: string; name: string } | null>(params.get('accountId') ? { id: params.get('accountId')!, name: '' } : null);
  const [kind, setKind] = useState<ActivityKind>('visit');
  const [subject, setSubject] = useState('');
  const [when, setWhen] = useState<string>(dayjs().format('YYYY-MM-DD HH:mm:ss'));
  const [report, setReport] = useState({ objectives: '', outcome: '', nextSteps: '' });
  const [dueDate, setDueDate] = useState<string>(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const recent = useQuery({ queryKey: ['activities', 'recent-accounts'], queryFn: () => api.get<{ items: RecentAccount[] }>('/activities/recent-accounts') });
  const save = useMutation({
    mutationFn: async () => {
      const hasReport = report.objectives || report.outcome || report.nextSteps;
      const body = {
        kind, accountId: account!.id, offerId: params.get('offerId') ?? null, subject: subject.trim() || undefined,
        occurredAt: dayjs(when).toISOString(), report: (kind === 'visit' || kind === 'call') && hasReport ? report : undefined,
        dueDate: kind === 'task' ? dueDate : undefined,
      };
      if (!(await pushCheck.confirm('activity.create', { accountId: account!.id, kind, subject: body.subject ?? '' }))) return null;
      return api.post<Activity>('/activities', body);
    },
    onSuccess: (activity) => {
      if (!activity) return;
      notifySuccess(t('activities.saved'));
      void client.invalidateQueries({ queryKey: ['activities'] });
      void client.invalidateQueries({ queryKey: ['dashboards'] });
      navigate(`/activities/${activity.id}`);
    },
    onError: (e) => notifyError(e),
  });
  const placeholder = `${t(`kinds.${kind}`)}${account?.name ? ` – ${account.name}` : ''}`;

  if (!account) {
    return (
      <Stack maw={640} mx="auto">
        <Title order={2}>{t('activities.quick')}</Title>
        <Text c="dimmed">{t('activities.chooseAccount')}</Text>
        <AccountPicker placeholder={t('activities.searchAccount')} value={null} onChange={(id, label) => id && setAccount({ id, name: label ?? '' })} size="md" />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {recent.data?.items.map((a) => (
            <UnstyledButton key={a.id} onClick={() => setAccount({ id: a.id, name: a.name })}>
              <Card withBorder radius="md" padding="md" mih={72}>
                <Text fw={600} lineClamp={1}>{a.name}</Text>
                <Text size="xs" c="dimmed">{[a.city, a.lastAt ? formatRelative(a.lastAt) : null].filter(Boolean).join(' · ')}</Text>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Stack>
    );
  }
  return (
    <Stack maw={640} mx="auto">
      {pushCheck.element}
      <Group gap="xs">
        <Button variant="subtle" px={4} leftSection={<IconArrowLeft size={16} />} onClick={() => setAccount(null)}>{t('activities.changeAccount')}</Button>
      </Group>
      <Title order={3}>{account.name || t('activities.quick')}</Title>
      <SimpleGrid cols={2} spacing="sm">
        <Button size="xl" variant={kind === 'visit' ? 'filled' : 'light'} leftSection={<IconCalendarEvent />} onClick={() => setKind('visit')}>{t('kinds.visit')}</Button>
        <Button size="xl" variant={kind === 'call' ? 'filled' : 'light'} leftSection={<IconPhone />} onClick={() => setKind('call')}>{t('kinds.call')}</Button>
      </SimpleGrid>
      <SegmentedControl fullWidth value={kind} onChange={(v) => setKind(v as ActivityKind)} data={(['visit', 'call', 'email', 'note', 'task'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack>
          <Button type="submit" size="lg" loading={save.isPending}>{t('activities.saveNow')}</Button>
          <TextInput label={t('activities.subject')} placeholder={placeholder} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
          {kind === 'task'
            ? <TextInput type="date" label={t('activities.dueDate')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} />
            : <DateTimePicker label={t('activities.when')} valueFormat="L LT" value={when} onChange={(v) => v && setWhen(dayjs(v).format('YYYY-MM-DD HH:mm:ss'))} />}
          {(kind === 'visit' || kind === 'call') && (
            <>
              <Textarea label={t('activities.objectives')} autosize minRows={2} value={report.objectives} onChange={(e) => setReport({ ...report, objectives: e.currentTarget.value })} />
              <Textarea label={t('activities.outcome')} autosize minRows={2} value={report.outcome} onChange={(e) => setReport({ ...report, outcome: e.currentTarget.value })} />
              <Textarea label={t('activities.nextSteps')} autosize minRows={2} value={report.nextSteps} onChange={(e) => setReport({ ...report, nextSteps: e.currentTarget.value })} />
            </>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

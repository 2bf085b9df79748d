import {
  Alert,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconArrowLeft, IconCalendarCheck, IconCalendarEvent, IconPhone } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../app/api/client';
import { formatDateTime, formatRelative } from '../../../app/format';
import { newIdempotencyKey } from '../../../app/offline/network';
import { useCurrentUser } from '../../../app/session';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useDocumentTitle } from '../../../components/use-document-title';
import { usePushCheck } from '../../push/push-check';
import {
  completeActivity,
  createActivity,
  keys,
  useActivity,
  usePlannedActivities,
  useRecentAccounts,
  type ActivityBody,
  type ActivityKind,
} from '../queries';
import { FollowUpFields, followUpOf, initialFollowUp } from '../components/FollowUpFields';
import { AccountPicker } from '../components/pickers';
import { keepForLater } from '../outbox/outbox';
import { PendingCaptures } from '../outbox/PendingCaptures';

const EMPTY_REPORT = { objectives: '', outcome: '', nextSteps: '' };
const DAY = 86_400_000;

/** The planned visit or call the report most likely belongs to: the one named in the URL, or this account's nearest to now. */
function usePlannedFor(accountId: string | null, plannedId: string | null) {
  const fromUrl = useActivity(plannedId, { enabled: Boolean(plannedId) });
  const ofAccount = usePlannedActivities(accountId, Boolean(accountId) && !plannedId);
  if (plannedId) return fromUrl.data && !fromUrl.data.doneAt ? fromUrl.data : null;
  // Only a visit of these days is this report's: one planned next week stays planned.
  const now = Date.now();
  const near = (ofAccount.data?.items ?? []).filter(
    (a) => Date.parse(a.occurredAt) > now - 7 * DAY && Date.parse(a.occurredAt) < now + 1.5 * DAY,
  );
  return (
    near.sort(
      (a, b) => Math.abs(Date.parse(a.occurredAt) - now) - Math.abs(Date.parse(b.occurredAt) - now),
    )[0] ?? null
  );
}

/**
 * Quick capture (CRM-9): account → kind → save, with the date, kind and subject prefilled. When
 * the account has a planned visit or call, the report completes it rather than adding a second one.
 */
export function QuickCapturePage() {
  const { t } = useTranslation('sales');
  useDocumentTitle(t('activities.quick'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const pushCheck = usePushCheck();
  const me = useCurrentUser();
  // One key per capture: sent again (offline outbox, a lost answer), it still makes one activity.
  const [captureKey, setCaptureKey] = useState(newIdempotencyKey);
  const [params] = useSearchParams();
  const [plannedId, setPlannedId] = useState<string | null>(params.get('plannedId'));
  const [account, setAccount] = useState<{ id: string; name: string } | null>(
    params.get('accountId') ? { id: params.get('accountId')!, name: '' } : null,
  );
  const [separate, setSeparate] = useState(false);
  const [kind, setKind] = useState<ActivityKind>('visit');
  const [subject, setSubject] = useState('');
  const [when, setWhen] = useState<string>(dayjs().format('YYYY-MM-DD HH:mm:ss'));
  const [report, setReport] = useState(EMPTY_REPORT);
  const [dueDate, setDueDate] = useState<string>(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const [followUp, setFollowUp] = useState(initialFollowUp);
  const recent = useRecentAccounts();
  const found = usePlannedFor(account?.id ?? null, plannedId);
  const planned = separate ? null : found;

  // Logging a planned visit: its account, kind, time and objectives are already known.
  useEffect(() => {
    if (!planned) return;
    setAccount((current) =>
      current?.id === planned.accountId && current.name
        ? current
        : { id: planned.accountId!, name: planned.accountName ?? '' },
    );
    setKind(planned.kind);
    setWhen(dayjs(planned.occurredAt).format('YYYY-MM-DD HH:mm:ss'));
    setReport((current) =>
      current.objectives ? current : { ...current, objectives: planned.report?.objectives ?? '' },
    );
  }, [planned?.id]);

  const save = useMutation({
    mutationFn: async () => {
      const hasReport = report.objectives || report.outcome || report.nextSteps;
      const withReport = kind === 'visit' || kind === 'call';
      const next = withReport ? followUpOf(followUp) : undefined;
      // Without a network (UX-2) the capture waits on the phone and is sent when it returns.
      const sendOrKeep = async <T,>(send: () => Promise<T>, keep: () => Promise<void>) => {
        const kept = async () => {
          await keep();
          return 'kept' as const;
        };
        if (!navigator.onLine) return kept();
        try {
          return await send();
        } catch (error) {
          if (isApiError(error) && error.status === 0) return kept();
          throw error;
        }
      };
      if (planned) {
        const moved = dayjs(when).valueOf() !== dayjs(planned.occurredAt).startOf('second').valueOf();
        const completion = {
          report: hasReport ? report : undefined,
          subject: subject.trim() || undefined,
          occurredAt: moved ? dayjs(when).toISOString() : undefined,
          followUp: next,
        };
        return sendOrKeep(
          () =>
            pushCheck.run('activity.update', { activityId: planned.id, done: true }, () =>
              completeActivity(planned.id, completion),
            ),
          () =>
            keepForLater(me.id, completion.subject ?? planned.subject, {
              key: captureKey,
              completes: planned.id,
              body: completion,
            }),
        );
      }
      const body = {
        idempotencyKey: captureKey,
        kind,
        accountId: account!.id,
        offerId: params.get('offerId') ?? null,
        subject: subject.trim() || undefined,
        occurredAt: dayjs(when).toISOString(),
        report: withReport && hasReport ? report : undefined,
        dueDate: kind === 'task' ? dueDate : undefined,
        followUp: next,
      };
      return sendOrKeep(
        () =>
          pushCheck.run('activity.create', { accountId: account!.id, kind, subject: body.subject }, () =>
            createActivity(body as ActivityBody),
          ),
        () => keepForLater(me.id, body.subject ?? placeholder, { key: captureKey, body }),
      );
    },
    // Offline the capture is kept, not sent: it must run rather than wait paused for the network.
    networkMode: 'always',
    onSuccess: (activity) => {
      if (!activity) return;
      setCaptureKey(newIdempotencyKey());
      if (activity === 'kept') {
        notifySuccess(t('offline.kept'));
        navigate('/agenda');
        return;
      }
      notifySuccess(planned ? t('activities.completed') : t('activities.saved'));
      if (activity.followUpTaskId) notifySuccess(t('followUp.created'));
      void client.invalidateQueries({ queryKey: keys.activities });
      void client.invalidateQueries({ queryKey: keys.dashboards });
      void client.invalidateQueries({ queryKey: keys.agenda });
      navigate(`/activities/${activity.id}`);
    },
    onError: (e) => notifyError(e),
  });
  const placeholder = `${t(`kinds.${kind}`)}${account?.name ? ` – ${account.name}` : ''}`;
  const changeAccount = () => {
    setAccount(null);
    setPlannedId(null);
    setSeparate(false);
    setReport(EMPTY_REPORT);
  };

  if (!account) {
    return (
      <Stack maw={640} mx="auto">
        <Title order={2}>{t('activities.quick')}</Title>
        <PendingCaptures userId={me.id} />
        <Text c="dimmed">{t('activities.chooseAccount')}</Text>
        <AccountPicker
          placeholder={t('activities.searchAccount')}
          value={null}
          onChange={(id, label) => id && setAccount({ id, name: label ?? '' })}
          size="md"
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {recent.data?.items.map((a) => (
            <UnstyledButton key={a.id} onClick={() => setAccount({ id: a.id, name: a.name })}>
              <Card withBorder radius="md" padding="md" mih={72}>
                <Text fw={600} lineClamp={1}>
                  {a.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {[a.city, a.lastAt ? formatRelative(a.lastAt) : null].filter(Boolean).join(' · ')}
                </Text>
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
        <Button variant="subtle" px={4} leftSection={<IconArrowLeft size={16} />} onClick={changeAccount}>
          {t('activities.changeAccount')}
        </Button>
      </Group>
      <Title order={3}>{account.name || t('activities.quick')}</Title>
      {planned ? (
        <Alert
          color="blue"
          icon={<IconCalendarCheck />}
          title={t('activities.plannedTitle', {
            kind: t(`kinds.${planned.kind}`),
            date: formatDateTime(planned.occurredAt),
          })}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('activities.plannedHelp')}</Text>
            <Button
              size="xs"
              variant="subtle"
              px={0}
              onClick={() => {
                setSeparate(true);
                setPlannedId(null);
              }}
            >
              {t('activities.logSeparately')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <>
          <SimpleGrid cols={2} spacing="sm">
            <Button
              size="xl"
              variant={kind === 'visit' ? 'filled' : 'light'}
              leftSection={<IconCalendarEvent />}
              onClick={() => setKind('visit')}
            >
              {t('kinds.visit')}
            </Button>
            <Button
              size="xl"
              variant={kind === 'call' ? 'filled' : 'light'}
              leftSection={<IconPhone />}
              onClick={() => setKind('call')}
            >
              {t('kinds.call')}
            </Button>
          </SimpleGrid>
          <SegmentedControl
            fullWidth
            value={kind}
            onChange={(v) => setKind(v as ActivityKind)}
            data={(['visit', 'call', 'email', 'note', 'task'] as const).map((k) => ({
              value: k,
              label: t(`kinds.${k}`),
            }))}
          />
        </>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Button type="submit" size="lg" loading={save.isPending}>
            {planned ? t('activities.completeNow') : t('activities.saveNow')}
          </Button>
          <TextInput
            label={t('activities.subject')}
            placeholder={planned?.subject ?? placeholder}
            maxLength={200}
            value={subject}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setSubject(value);
            }}
          />
          {kind === 'task' ? (
            <TextInput
              type="date"
              label={t('activities.dueDate')}
              value={dueDate}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDueDate(value);
              }}
            />
          ) : (
            <DateTimePicker
              label={t('activities.when')}
              valueFormat="L LT"
              value={when}
              onChange={(v) => v && setWhen(dayjs(v).format('YYYY-MM-DD HH:mm:ss'))}
            />
          )}
          {(kind === 'visit' || kind === 'call') && (
            <>
              <Textarea
                label={t('activities.objectives')}
                autosize
                minRows={2}
                maxLength={5000}
                value={report.objectives}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setReport((r) => ({ ...r, objectives: value }));
                }}
              />
              <Textarea
                label={t('activities.outcome')}
                autosize
                minRows={2}
                maxLength={5000}
                value={report.outcome}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setReport((r) => ({ ...r, outcome: value }));
                }}
              />
              <Textarea
                label={t('activities.nextSteps')}
                autosize
                minRows={2}
                maxLength={5000}
                value={report.nextSteps}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setReport((r) => ({ ...r, nextSteps: value }));
                }}
              />
              <FollowUpFields value={followUp} onChange={setFollowUp} nextSteps={report.nextSteps} />
            </>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

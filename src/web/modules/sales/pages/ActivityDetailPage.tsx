import {
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorState } from '../../../components/ErrorState';
import { useDocumentTitle } from '../../../components/use-document-title';
import { isPlanned } from '../sales-format';
import {
  createFollowUp,
  deleteActivity,
  keys,
  markActivityDone,
  updateActivity,
  useActivity,
  type Activity,
} from '../queries';
import { DocumentsCard } from '../components/DocumentsCard';
import { FollowUpFields, initialFollowUp } from '../components/FollowUpFields';
import { KindBadge, PlannedBadge } from '../components/kinds';

/** The report's next steps as a task on the same account and offer (CRM-5). */
function FollowUpCard({ activity }: { activity: Activity }) {
  const { t } = useTranslation('sales');
  const client = useQueryClient();
  const navigate = useNavigate();
  const [followUp, setFollowUp] = useState({ ...initialFollowUp(), enabled: true });
  const nextSteps = activity.report?.nextSteps ?? '';
  const create = useMutation({
    mutationFn: () =>
      createFollowUp(activity.id, {
        dueDate: followUp.dueDate,
        subject: followUp.subject.trim() || undefined,
      }),
    onSuccess: (task) => {
      notifySuccess(t('followUp.created'));
      void client.invalidateQueries({ queryKey: keys.activities });
      void client.invalidateQueries({ queryKey: keys.agenda });
      navigate(`/activities/${task.id}`);
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="xs">
        {t('followUp.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {nextSteps}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <FollowUpFields
            value={followUp}
            onChange={(value) => setFollowUp({ ...value, enabled: true })}
            nextSteps={nextSteps}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('followUp.createButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ReportEditor({ activity, onSaved }: { activity: Activity; onSaved: (a: Activity) => void }) {
  const { t } = useTranslation('sales');
  const [subject, setSubject] = useState(activity.subject);
  const [report, setReport] = useState(activity.report ?? { objectives: '', outcome: '', nextSteps: '' });
  const [body, setBody] = useState(activity.bodyMd);
  const save = useMutation({
    mutationFn: () =>
      updateActivity(activity.id, {
        subject,
        bodyMd: body,
        ...(activity.kind === 'visit' || activity.kind === 'call' ? { report } : {}),
      }),
    onSuccess: (a) => {
      notifySuccess(t('activities.saved'));
      onSaved(a);
    },
    onError: (e) => notifyError(e),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('activities.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          required
        />
        {(activity.kind === 'visit' || activity.kind === 'call') && (
          <>
            <Textarea
              label={t('activities.objectives')}
              autosize
              minRows={2}
              value={report.objectives}
              onChange={(e) => setReport({ ...report, objectives: e.currentTarget.value })}
            />
            <Textarea
              label={t('activities.outcome')}
              autosize
              minRows={2}
              value={report.outcome}
              onChange={(e) => setReport({ ...report, outcome: e.currentTarget.value })}
            />
            <Textarea
              label={t('activities.nextSteps')}
              autosize
              minRows={2}
              value={report.nextSteps}
              onChange={(e) => setReport({ ...report, nextSteps: e.currentTarget.value })}
            />
          </>
        )}
        <Textarea
          label={t('activities.notes')}
          autosize
          minRows={2}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const activity = useActivity(id);
  useDocumentTitle(activity.data?.subject ?? t('activities.title'));
  const set = (a: Activity) => {
    client.setQueryData(keys.activity(id), a);
    void client.invalidateQueries({ queryKey: keys.activityLists });
  };
  const done = useMutation({
    mutationFn: (value: boolean) => markActivityDone(id, value),
    onSuccess: set,
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: () => deleteActivity(id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.activities });
      navigate('/activities');
    },
    onError: (e) => notifyError(e),
  });
  if (activity.error) return <ErrorState error={activity.error} />;
  const a = activity.data;
  if (!a) return null;
  const mine = a.ownerId === user.id || user.role === 'admin';
  return (
    <Stack maw={1000} mx="auto">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs">
            <KindBadge kind={a.kind} />
            {(a.kind === 'visit' || a.kind === 'call') && <PlannedBadge planned={isPlanned(a)} />}
            {a.kind === 'task' && (
              <Text size="sm" c="dimmed">
                {t('activities.due', { date: formatDate(a.dueDate) })}
              </Text>
            )}
          </Group>
          <Title order={2}>{a.subject}</Title>
          <Text c="dimmed" size="sm">
            {a.accountId && (
              <Anchor component={Link} to={`/accounts/${a.accountId}`}>
                {a.accountName}
              </Anchor>
            )}
            {a.offerId && (
              <>
                {' '}
                ·{' '}
                <Anchor component={Link} to={`/offers/${a.offerId}`}>
                  {a.offerTitle}
                </Anchor>
              </>
            )}
            {` · ${formatDateTime(a.occurredAt)} · ${a.ownerName}`}
          </Text>
          {a.contacts.length > 0 && <Text size="sm">{a.contacts.map((c) => c.name).join(', ')}</Text>}
          {a.followUpOf && (
            <Anchor component={Link} to={`/activities/${a.followUpOf}`} size="sm">
              {t('followUp.of')}
            </Anchor>
          )}
          {a.followUpTaskId && (
            <Anchor component={Link} to={`/activities/${a.followUpTaskId}`} size="sm">
              {t('followUp.open')}
            </Anchor>
          )}
        </Stack>
        <Group gap="xs">
          {mine && isPlanned(a) && (
            <Button component={Link} to={`/activities/new?plannedId=${a.id}`}>
              {t('agenda.logIt')}
            </Button>
          )}
          {a.kind === 'task' && (
            <Button
              variant={a.doneAt ? 'default' : 'filled'}
              color="teal"
              loading={done.isPending}
              onClick={() => done.mutate(!a.doneAt)}
            >
              {a.doneAt ? t('activities.reopen') : t('activities.markDone')}
            </Button>
          )}
          {a.accountId && (
            <Button component={Link} to={`/accounts/${a.accountId}/brief`} variant="light">
              {t('brief.open')}
            </Button>
          )}
          {mine && (
            <Button color="red" variant="subtle" onClick={() => setConfirmDelete(true)}>
              {t('common.delete')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Card withBorder radius="md" padding="lg" style={{ gridColumn: 'span 2' }}>
          {mine ? (
            <ReportEditor key={a.id} activity={a} onSaved={set} />
          ) : (
            <Stack>
              {a.report &&
                (['objectives', 'outcome', 'nextSteps'] as const).map((key) => (
                  <div key={key}>
                    <Text fw={600} size="sm">
                      {t(`activities.${key}`)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {a.report?.[key] || '–'}
                    </Text>
                  </div>
                ))}
              {a.bodyMd && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.bodyMd}
                </Text>
              )}
            </Stack>
          )}
        </Card>
        <Stack>
          {mine && !isPlanned(a) && !a.followUpTaskId && a.report?.nextSteps.trim() && (
            <FollowUpCard activity={a} />
          )}
          <DocumentsCard parentType="activity" parentId={a.id} />
        </Stack>
      </SimpleGrid>
      <ConfirmModal
        opened={confirmDelete}
        title={t('activities.deleteTitle')}
        message={t('activities.deleteMessage')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}

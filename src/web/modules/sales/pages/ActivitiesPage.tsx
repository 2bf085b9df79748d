import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconBolt, IconDownload, IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { toQueryString } from '../../../app/api/client';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { formatDate, formatDateTime } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { isPlanned } from '../sales-format';
import { keys, markActivityDone, useActivityList, type ActivitiesQuery } from '../queries';
import { KindBadge, PlannedBadge } from '../components/kinds';

const PAGE_SIZE = 25;

export function ActivitiesPage() {
  const { t } = useTranslation('sales');
  useDocumentTitle(t('activities.title'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [openTasks, setOpenTasks] = useState(false);
  const [mine, setMine] = useState(true);
  const [pager, setPager] = useState(firstPage);
  const filters = {
    q: q || undefined,
    kind: openTasks ? 'task' : (kind ?? undefined),
    open: openTasks ? 'true' : undefined,
    ownerId: mine ? 'me' : undefined,
    sort: openTasks ? 'dueDate' : undefined,
  };
  const list = useActivityList(filters as ActivitiesQuery, pager.index, currentCursor(pager), PAGE_SIZE);
  const done = useMutation({
    mutationFn: ({ id, value }: { id: string; value: boolean }) => markActivityDone(id, value),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.activities }),
    onError: (e) => notifyError(e),
  });
  const reset = () => setPager(firstPage);
  return (
    <Stack maw={1200} mx="auto">
      <PageHeader
        title={t('activities.title')}
        description={t('activities.subtitle')}
        mb={0}
        actions={
          <>
            <Button
              component="a"
              href={`/api/v1/activities/export.csv${toQueryString(filters)}`}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              CSV
            </Button>
            <Button component={Link} to="/activities/new" leftSection={<IconBolt size={16} />}>
              {t('activities.quick')}
            </Button>
          </>
        }
      />
      <Group>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('activities.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            reset();
          }}
          style={{ flex: 1, minWidth: 180 }}
        />
        <Select
          placeholder={t('activities.allKinds')}
          clearable
          value={kind}
          disabled={openTasks}
          onChange={(v) => {
            setKind(v);
            reset();
          }}
          w={160}
          data={(['visit', 'call', 'email', 'note', 'task'] as const).map((k) => ({
            value: k,
            label: t(`kinds.${k}`),
          }))}
        />
        <Checkbox
          label={t('activities.openTasks')}
          checked={openTasks}
          onChange={(e) => {
            setOpenTasks(e.currentTarget.checked);
            reset();
          }}
        />
        <Checkbox
          label={t('activities.onlyMine')}
          checked={mine}
          onChange={(e) => {
            setMine(e.currentTarget.checked);
            reset();
          }}
        />
      </Group>
      {list.error && <ErrorState error={list.error} />}
      <Card withBorder radius="md" padding={0}>
        {/* On a phone the account and the date go under the subject: the table fits the screen. */}
        <Table.ScrollContainer minWidth={320}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th visibleFrom="sm">{t('activities.kind')}</Table.Th>
                <Table.Th>{t('activities.subject')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('activities.account')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('activities.when')}</Table.Th>
                <Table.Th visibleFrom="md">{t('activities.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((a) => (
                <Table.Tr
                  key={a.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/activities/${a.id}`)}
                >
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    {a.kind === 'task' && (
                      <Checkbox
                        aria-label={t('activities.markDone')}
                        checked={Boolean(a.doneAt)}
                        onChange={(e) => done.mutate({ id: a.id, value: e.currentTarget.checked })}
                      />
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    <KindBadge kind={a.kind} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/activities/${a.id}`}
                      td={a.kind === 'task' && a.doneAt ? 'line-through' : undefined}
                    >
                      {a.subject}
                    </Anchor>
                    {isPlanned(a) && <PlannedBadge planned ml="xs" />}
                    {a.visibility === 'secret' && (
                      <Badge ml="xs" size="xs" color="red">
                        {t('common.secret')}
                      </Badge>
                    )}
                    <Text hiddenFrom="sm" size="xs" c="dimmed">
                      {[
                        t(`kinds.${a.kind}`),
                        a.accountName,
                        a.kind === 'task' ? formatDate(a.dueDate) : formatDateTime(a.occurredAt),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{a.accountName}</Table.Td>
                  <Table.Td visibleFrom="sm">
                    {a.kind === 'task' ? formatDate(a.dueDate) : formatDateTime(a.occurredAt)}
                  </Table.Td>
                  <Table.Td visibleFrom="md">{a.ownerName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.data?.items.length === 0 && (
          <Text c="dimmed" p="lg">
            {t('common.empty')}
          </Text>
        )}
      </Card>
      {list.data && (
        <CursorPager
          state={pager}
          pageSize={PAGE_SIZE}
          itemCount={list.data.items.length}
          total={list.data.total}
          totalAtLeast={list.data.totalAtLeast}
          hasNext={Boolean(list.data.nextCursor)}
          onPrevious={() => setPager(goToPreviousPage)}
          onNext={() => setPager((s) => goToNextPage(s, list.data?.nextCursor))}
        />
      )}
    </Stack>
  );
}

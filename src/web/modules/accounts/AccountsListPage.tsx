import { formatDate } from '../../app/format';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronUp,
  IconDeviceFloppy,
  IconDownload,
  IconFilter,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  currentCursor,
  firstPage,
  goToNextPage,
  goToPreviousPage,
  type CursorPagerState,
} from '../../app/cursor-pager';
import { notifyError, notifySuccess } from '../../app/notify';
import { useTeams } from '../../app/teams';
import { CursorPager } from '../../components/CursorPager';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { AccountFormModal } from './AccountForm';
import { downloadUrl } from '../../app/api/client';
import { ACCOUNT_KINDS } from './account-fields';
import {
  createSavedView,
  deleteSavedView,
  keys,
  useAccounts,
  useSavedViews,
  type AccountsQuery,
  type SavedView,
} from './queries';
import { VisibilityBadge } from './VisibilityBadge';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['q', 'kind', 'segment', 'tag', 'teamId', 'ownerId', 'sort'] as const;
const SEGMENTS = ['TPE', 'PME', 'ETI', 'Grands comptes', 'Collectivités'];

/** Accounts list (CRM-1): text search as you type, filters, sortable columns, saved views, CSV export. */
export function AccountsListPage() {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Record<
    (typeof FILTER_KEYS)[number],
    string
  >;
  const [text, setText] = useState(filters.q);
  const [debounced] = useDebouncedValue(text, 250);
  const [pager, setPager] = useState<CursorPagerState>(firstPage);
  const [creating, setCreating] = useState(false);
  const teams = useTeams();
  const query = { ...filters, q: debounced, limit: PAGE_SIZE, cursor: currentCursor(pager) };
  const list = useAccounts(query as AccountsQuery, { keepPrevious: true });
  const views = useSavedViews('account');

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPager(firstPage);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (debounced !== filters.q) setFilter('q', debounced);
  }, [debounced]);

  const sortBy = (key: string) => setFilter('sort', filters.sort === key ? `-${key}` : key);
  const sortIcon = (key: string) =>
    filters.sort === key ? (
      <IconChevronUp size={14} />
    ) : filters.sort === `-${key}` ? (
      <IconChevronDown size={14} />
    ) : null;
  const header = (key: string, label: string) => (
    <UnstyledButton
      onClick={() => sortBy(key)}
      fw={600}
      fz="sm"
      aria-label={t('list.sortBy', { column: label })}
    >
      <Group gap={4} wrap="nowrap">
        {label}
        {sortIcon(key)}
      </Group>
    </UnstyledButton>
  );

  const saveView = useMutation({
    mutationFn: (name: string) =>
      createSavedView({
        entity: 'account',
        name,
        query: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
      }),
    onSuccess: () => {
      notifySuccess(t('views.saved'));
      void queryClient.invalidateQueries({ queryKey: keys.savedViews('account') });
    },
    onError: (error) => notifyError(error),
  });
  const deleteView = useMutation({
    mutationFn: (id: string) => deleteSavedView(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.savedViews('account') }),
    onError: (error) => notifyError(error),
  });
  const applyView = (view: SavedView) => {
    setParams(new URLSearchParams(view.query), { replace: true });
    setText(view.query.q ?? '');
    setPager(firstPage);
  };
  const teamOptions = useMemo(
    () =>
      (teams.data ?? [])
        .filter((team) => team.kind === 'team')
        .map((team) => ({ value: team.id, label: team.name })),
    [teams.data],
  );
  const exportQuery = Object.fromEntries(Object.entries({ ...filters, q: debounced }).filter(([, v]) => v));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('accounts.title')}
        description={
          list.data
            ? t(list.data.totalAtLeast ? 'accounts.countMore' : 'accounts.count', { count: list.data.total })
            : undefined
        }
        actions={
          <>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconFilter size={16} />}>
                  {t('views.menu')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(views.data?.items ?? []).map((view) => (
                  <Menu.Item
                    key={view.id}
                    onClick={() => applyView(view)}
                    rightSection={
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('views.delete')}
                        onClick={(event) => {
                          event.stopPropagation();
                          deleteView.mutate(view.id);
                        }}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    }
                  >
                    {view.name}
                  </Menu.Item>
                ))}
                {views.data?.items.length === 0 && <Menu.Label>{t('views.none')}</Menu.Label>}
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconDeviceFloppy size={14} />}
                  onClick={() => {
                    const name = window.prompt(t('views.namePrompt'));
                    if (name) saveView.mutate(name);
                  }}
                >
                  {t('views.save')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button
              component="a"
              href={downloadUrl('/accounts/export.csv', exportQuery)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('common.exportCsv')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('accounts.new')}
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            style={{ flex: '1 1 220px' }}
            leftSection={<IconSearch size={16} />}
            placeholder={t('accounts.searchPlaceholder')}
            aria-label={t('accounts.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <Select
            style={{ flex: '1 1 150px' }}
            clearable
            placeholder={t('fields.kind')}
            aria-label={t('fields.kind')}
            data={ACCOUNT_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
            value={filters.kind || null}
            onChange={(value) => setFilter('kind', value)}
          />
          <Select
            style={{ flex: '1 1 150px' }}
            clearable
            placeholder={t('fields.segment')}
            aria-label={t('fields.segment')}
            data={SEGMENTS}
            value={filters.segment || null}
            onChange={(value) => setFilter('segment', value)}
          />
          <Select
            style={{ flex: '1 1 180px' }}
            clearable
            searchable
            placeholder={t('fields.team')}
            aria-label={t('fields.team')}
            data={teamOptions}
            value={filters.teamId || null}
            onChange={(value) => setFilter('teamId', value)}
          />
          <TextInput
            style={{ flex: '1 1 120px' }}
            placeholder={t('fields.tag')}
            aria-label={t('fields.tag')}
            value={filters.tag}
            onChange={(event) => setFilter('tag', event.currentTarget.value)}
          />
        </Group>
      </Paper>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          <ScrollArea type="auto">
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{header('name', t('fields.name'))}</Table.Th>
                  <Table.Th>{header('kind', t('fields.kind'))}</Table.Th>
                  <Table.Th visibleFrom="xs">{header('city', t('fields.city'))}</Table.Th>
                  <Table.Th visibleFrom="sm">{header('segment', t('fields.segment'))}</Table.Th>
                  <Table.Th visibleFrom="md">{t('fields.owner')}</Table.Th>
                  <Table.Th visibleFrom="md">{header('updatedAt', t('fields.updatedAt'))}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(list.data?.items ?? []).map((account) => (
                  <Table.Tr key={account.id}>
                    <Table.Td>
                      <Group gap={6} wrap="wrap">
                        <Anchor component={Link} to={`/accounts/${account.id}`} fw={500}>
                          {account.name}
                        </Anchor>
                        {account.visibility !== 'team' && <VisibilityBadge visibility={account.visibility} />}
                      </Group>
                      {account.tags.length > 0 && (
                        <Group gap={4} mt={2}>
                          {account.tags.slice(0, 3).map((tag) => (
                            <Badge key={tag} size="xs" variant="light" color="gray">
                              {tag}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`kinds.${account.kind}`)}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="xs">{account.city}</Table.Td>
                    <Table.Td visibleFrom="sm">{account.segment}</Table.Td>
                    <Table.Td visibleFrom="md">
                      <Text size="sm">{account.ownerName}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      <Text size="sm" c="dimmed">
                        {formatDate(account.updatedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {list.data?.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" ta="center" py="lg">
                        {t('accounts.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      {list.data && (
        <CursorPager
          state={pager}
          pageSize={PAGE_SIZE}
          itemCount={list.data.items.length}
          total={list.data.total}
          totalAtLeast={list.data.totalAtLeast}
          hasNext={!!list.data.nextCursor}
          onPrevious={() => setPager(goToPreviousPage)}
          onNext={() => setPager((state) => goToNextPage(state, list.data?.nextCursor))}
        />
      )}
      <AccountFormModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

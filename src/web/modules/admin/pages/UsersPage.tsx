import { useState } from 'react';
import { Button, Card, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { notifySuccess } from '../../../app/notify';
import { useCurrentUser } from '../../../app/session';
import { useTeams } from '../../../app/teams';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { EditUserModal } from '../components/EditUserModal';
import { InviteUserModal } from '../components/InviteUserModal';
import { roleOptions, teamOptions } from '../components/role-options';
import { UsersTable, type UserSort } from '../components/UsersTable';
import { keys, updateUser, useAdminUsers, type AdminUser, type UsersQuery } from '../queries';

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin:users.title'));
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [status, setStatus] = useState<'all' | 'active' | 'inactive'>('active');
  const [sort, setSort] = useState<UserSort | undefined>(undefined);
  const [pager, setPager] = useState(firstPage);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);

  // Any filter change starts again from the first page.
  const filter =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      setPager(firstPage);
    };

  const query: UsersQuery = {
    q,
    role: (role ?? undefined) as UsersQuery['role'],
    teamId: teamId ?? undefined,
    active: status === 'all' ? undefined : status === 'active' ? 'true' : 'false',
    sort,
    limit: PAGE_SIZE,
    cursor: currentCursor(pager),
  };
  const users = useAdminUsers(query);

  const toggleActive = useMutation({
    mutationFn: (user: AdminUser) => updateUser(user.id, { active: !user.active }),
    onSuccess: (updated) => {
      notifySuccess(
        updated.active
          ? t('admin:users.reactivated', { name: updated.displayName })
          : t('admin:users.deactivated', { name: updated.displayName }),
      );
      setToggling(null);
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
  });

  const items = users.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('admin:users.title')}
        description={t('admin:users.subtitle')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
            {t('admin:users.invite.action')}
          </Button>
        }
      />
      <Card withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
        <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('admin:users.searchPlaceholder')}
            aria-label={t('admin:users.searchPlaceholder')}
            value={search}
            onChange={(event) => filter(setSearch)(event.currentTarget.value)}
            style={{ flex: '2 1 220px' }}
          />
          <Select
            placeholder={t('admin:users.allRoles')}
            aria-label={t('admin:users.role')}
            data={roleOptions(t)}
            value={role}
            onChange={filter(setRole)}
            clearable
            style={{ flex: '1 1 140px' }}
          />
          <Select
            placeholder={t('admin:users.allTeams')}
            aria-label={t('admin:users.team')}
            data={teamOptions(teams.data)}
            value={teamId}
            onChange={filter(setTeamId)}
            clearable
            searchable
            style={{ flex: '1 1 160px' }}
          />
          <SegmentedControl
            value={status}
            onChange={(value) => filter(setStatus)(value as typeof status)}
            data={[
              { value: 'active', label: t('admin:users.filterActive') },
              { value: 'inactive', label: t('admin:users.filterInactive') },
              { value: 'all', label: t('admin:users.filterAll') },
            ]}
          />
        </Group>
        {users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : users.isSuccess && items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {t('admin:users.empty')}
          </Text>
        ) : (
          <UsersTable
            users={items}
            currentUserId={me.id}
            sort={sort}
            onSort={filter(setSort)}
            onEdit={setEditing}
            onToggleActive={setToggling}
          />
        )}
        <CursorPager
          state={pager}
          pageSize={PAGE_SIZE}
          itemCount={items.length}
          total={users.data?.total}
          hasNext={!!users.data?.nextCursor}
          onPrevious={() => setPager(goToPreviousPage)}
          onNext={() => setPager((state) => goToNextPage(state, users.data?.nextCursor))}
        />
      </Card>

      <InviteUserModal opened={inviting} onClose={() => setInviting(false)} />
      {editing && <EditUserModal key={editing.id} user={editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={toggling !== null}
        title={toggling?.active ? t('admin:users.deactivateTitle') : t('admin:users.reactivateTitle')}
        message={
          toggling?.active
            ? t('admin:users.deactivateMessage', { name: toggling.displayName })
            : t('admin:users.reactivateMessage', { name: toggling?.displayName ?? '' })
        }
        confirmLabel={toggling?.active ? t('admin:users.deactivate') : t('admin:users.reactivate')}
        color={toggling?.active ? 'red' : 'teal'}
        loading={toggleActive.isPending}
        onConfirm={() => toggling && toggleActive.mutate(toggling)}
        onClose={() => setToggling(null)}
      />
    </>
  );
}

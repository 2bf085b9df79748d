import { ActionIcon, Badge, Group, Menu, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconDots,
  IconPencil,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../../app/format';
import type { AdminUser } from '../queries';

export type UserSort = 'name' | '-name' | 'lastLoginAt' | '-lastLoginAt' | 'createdAt' | '-createdAt';

interface UsersTableProps {
  users: AdminUser[];
  currentUserId: string;
  sort: UserSort | undefined;
  onSort: (sort: UserSort) => void;
  onEdit: (user: AdminUser) => void;
  onToggleActive: (user: AdminUser) => void;
}

const ROLE_COLORS: Record<string, string> = { admin: 'grape', manager: 'blue', expert: 'teal', rep: 'gray' };

function SortHeader({
  field,
  label,
  sort,
  onSort,
}: {
  field: 'name' | 'lastLoginAt' | 'createdAt';
  label: string;
  sort?: UserSort;
  onSort: (sort: UserSort) => void;
}) {
  const ascending = sort === field;
  const descending = sort === `-${field}`;
  return (
    <UnstyledButton onClick={() => onSort(ascending ? (`-${field}` as UserSort) : field)} fw={700} fz="sm">
      <Group gap={4} wrap="nowrap">
        {label}
        {ascending && <IconArrowUp size={14} />}
        {descending && <IconArrowDown size={14} />}
      </Group>
    </UnstyledButton>
  );
}

export function UsersTable({ users, currentUserId, sort, onSort, onEdit, onToggleActive }: UsersTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <SortHeader field="name" label={t('admin:users.name')} sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th visibleFrom="sm">{t('admin:users.role')}</Table.Th>
            <Table.Th visibleFrom="md">{t('admin:users.team')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('admin:users.status')}</Table.Th>
            <Table.Th visibleFrom="lg">
              <SortHeader
                field="lastLoginAt"
                label={t('admin:users.lastLogin')}
                sort={sort}
                onSort={onSort}
              />
            </Table.Th>
            <Table.Th w={48} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} opacity={user.active ? 1 : 0.6}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {user.displayName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {user.email}
                  </Text>
                  {user.teamName && (
                    <Text size="xs" c="dimmed" hiddenFrom="md">
                      {user.teamName}
                    </Text>
                  )}
                  <Group gap={6} mt={4} hiddenFrom="sm">
                    <Badge
                      variant="light"
                      size="sm"
                      miw="fit-content"
                      color={ROLE_COLORS[user.role] ?? 'gray'}
                    >
                      {t(`common:roles.${user.role}`)}
                    </Badge>
                    {!user.active && (
                      <Badge variant="dot" size="sm" miw="fit-content" color="gray">
                        {t('admin:users.inactive')}
                      </Badge>
                    )}
                  </Group>
                </Stack>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Badge variant="light" miw="fit-content" color={ROLE_COLORS[user.role] ?? 'gray'}>
                  {t(`common:roles.${user.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td visibleFrom="md">
                {user.teamName ?? (
                  <Text c="dimmed" size="sm">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Badge variant="dot" miw="fit-content" color={user.active ? 'teal' : 'gray'}>
                  {user.active ? t('admin:users.active') : t('admin:users.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td visibleFrom="lg" title={formatDateTime(user.lastLoginAt)}>
                <Text size="sm">
                  {user.lastLoginAt ? formatRelative(user.lastLoginAt) : t('admin:users.neverSignedIn')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('admin:users.actions', { name: user.displayName })}
                    >
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onEdit(user)}>
                      {t('admin:users.edit.action')}
                    </Menu.Item>
                    {user.id !== currentUserId && (
                      <Menu.Item
                        color={user.active ? 'red' : 'teal'}
                        leftSection={user.active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
                        onClick={() => onToggleActive(user)}
                      >
                        {user.active ? t('admin:users.deactivate') : t('admin:users.reactivate')}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { ActionIcon, Badge, Box, Group, Menu, Paper, Text, Tooltip } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconDots,
  IconMap2,
  IconPencil,
  IconPlus,
  IconTrash,
  IconUser,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../app/teams';
import type { TeamNode } from '../team-tree';

const KIND_ICONS = { nation: IconMap2, region: IconBuildingCommunity, team: IconUsersGroup } as const;
const KIND_COLORS = { nation: 'indigo', region: 'cyan', team: 'teal' } as const;

interface TeamTreeProps {
  nodes: TeamNode[];
  onAddChild: (parent: Team) => void;
  onEdit: (team: Team) => void;
  onDelete: (team: Team) => void;
}

/** Organisation chart as an indented list; each row shows manager and head count. */
export function TeamTree({ nodes, onAddChild, onEdit, onDelete }: TeamTreeProps) {
  const { t } = useTranslation();
  return (
    <Box role="tree" aria-label={t('admin:teams.title')}>
      {nodes.map((node) => {
        const Icon = KIND_ICONS[node.kind] ?? IconUsersGroup;
        return (
          <Box key={node.id} role="treeitem" aria-expanded={node.children.length > 0 ? true : undefined}>
            <Paper
              withBorder
              radius="md"
              px="sm"
              py="xs"
              mb={6}
              ml={{ base: node.depth * 10, sm: node.depth * 28 }}
              data-testid="team-row"
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Icon
                    size={20}
                    stroke={1.5}
                    color={`var(--mantine-color-${KIND_COLORS[node.kind] ?? 'gray'}-6)`}
                  />
                  <Box style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="wrap">
                      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {node.name}
                      </Text>
                      <Badge size="xs" variant="light" color={KIND_COLORS[node.kind] ?? 'gray'}>
                        {t(`admin:teams.kinds.${node.kind}`)}
                      </Badge>
                    </Group>
                    <Group gap="md" wrap="wrap">
                      <Group gap={4} wrap="nowrap">
                        <IconUser size={13} />
                        <Text size="xs" c="dimmed">
                          {node.managerName ?? t('admin:teams.noManager')}
                        </Text>
                      </Group>
                      <Group gap={4} wrap="nowrap">
                        <IconUsers size={13} />
                        <Text size="xs" c="dimmed">
                          {t('admin:teams.members', { count: node.memberCount })}
                        </Text>
                      </Group>
                    </Group>
                  </Box>
                </Group>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      hiddenFrom="sm"
                      aria-label={t('admin:teams.actionsNamed', { name: node.name })}
                    >
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {node.kind !== 'team' && (
                      <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => onAddChild(node)}>
                        {t('admin:teams.addChild')}
                      </Menu.Item>
                    )}
                    <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onEdit(node)}>
                      {t('common:actions.edit')}
                    </Menu.Item>
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      onClick={() => onDelete(node)}
                    >
                      {t('common:actions.delete')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
                <Group gap={2} wrap="nowrap" visibleFrom="sm">
                  {node.kind !== 'team' && (
                    <Tooltip label={t('admin:teams.addChild')}>
                      <ActionIcon
                        variant="subtle"
                        onClick={() => onAddChild(node)}
                        aria-label={t('admin:teams.addChildTo', { name: node.name })}
                      >
                        <IconPlus size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  <Tooltip label={t('common:actions.edit')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => onEdit(node)}
                      aria-label={t('admin:teams.editNamed', { name: node.name })}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('common:actions.delete')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onDelete(node)}
                      aria-label={t('admin:teams.deleteNamed', { name: node.name })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
            </Paper>
            {node.children.length > 0 && (
              <Box role="group">
                <TeamTree nodes={node.children} onAddChild={onAddChild} onEdit={onEdit} onDelete={onDelete} />
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

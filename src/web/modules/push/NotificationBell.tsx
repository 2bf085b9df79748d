import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatRelative } from '../../app/format';
import { severityColor } from './severity';
import {
  keys,
  markAllNotificationsRead,
  markNotificationRead,
  useLatestNotifications,
  useUnreadCount,
  type Notification,
} from './queries';

/** The bell of the header: unread count (live through SSE) and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();
  const unread = useUnreadCount();
  const latest = useLatestNotifications(opened);
  const count = unread.data?.count ?? 0;

  const open = async (notification: Notification) => {
    setOpened(false);
    if (!notification.readAt) {
      await markNotificationRead(notification.id).catch(() => undefined);
      void client.invalidateQueries({ queryKey: keys.notifications });
    }
    navigate(notification.url ?? '/notifications');
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={360} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('push:bell.label', { count })}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs" maw="calc(100vw - 16px)">
        <Group justify="space-between" mb={4} px={4}>
          <Text fw={600} size="sm">
            {t('push:nav.notifications')}
          </Text>
          {count > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={async () => {
                await markAllNotificationsRead();
                void client.invalidateQueries({ queryKey: ['push', 'notifications'] });
              }}
            >
              {t('push:notifications.readAll')}
            </Button>
          )}
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={380}>
          <Stack gap={0}>
            {latest.data?.items.length === 0 && (
              <Text size="sm" c="dimmed" p="sm">
                {t('push:notifications.empty')}
              </Text>
            )}
            {latest.data?.items.map((item) => (
              <UnstyledButton
                key={item.id}
                onClick={() => open(item)}
                p={6}
                style={{
                  borderRadius: 6,
                  background: item.readAt ? undefined : 'var(--mantine-color-blue-light)',
                }}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge
                    size="xs"
                    variant="dot"
                    color={severityColor(item.severity)}
                    style={{ flexShrink: 0 }}
                  >
                    {t(`push:kind.${item.kind}`)}
                  </Badge>
                  <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
                    {formatRelative(item.createdAt)}
                  </Text>
                </Group>
                <Text size="sm" fw={item.readAt ? 400 : 600} lineClamp={2}>
                  {item.title}
                </Text>
                {item.reason && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {item.reason}
                  </Text>
                )}
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Divider mb={4} />
        <Group justify="space-between" px={4}>
          <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpened(false)}>
            {t('push:notifications.seeAll')}
          </Anchor>
          <Anchor component={Link} to="/for-me" size="sm" onClick={() => setOpened(false)}>
            {t('push:nav.forMe')}
          </Anchor>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}

import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../../app/format';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { severityColor } from '../severity';
import {
  keys,
  markNotificationRead,
  useNotifications,
  type NotificationsQuery,
  type Notification,
} from '../queries';
import { PreferencesPanel } from './PreferencesPanel';

const KINDS = ['change', 'broadcast', 'season', 'reminder', 'plan'] as const;

/** A list of my notifications with filters. */
export function NotificationList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [kind, setKind] = useState<string | null>(null);
  const [state, setState] = useState('unread');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [limit, setLimit] = useState(30);
  const query = {
    kind: kind ?? undefined,
    unread: state === 'unread' ? 'true' : undefined,
    needsAck: state === 'ack' ? 'true' : undefined,
    q: debounced || undefined,
    limit,
  } as Record<string, string | number | undefined>;
  const list = useNotifications(query as NotificationsQuery);

  const open = async (item: Notification) => {
    if (!item.readAt) await markNotificationRead(item.id).catch(() => undefined);
    void client.invalidateQueries({ queryKey: keys.notifications });
    if (item.url) navigate(item.url);
  };

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={14} />}
          placeholder={t('push:notifications.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 200px' }}
        />
        <Select
          placeholder={t('push:notifications.allKinds')}
          clearable
          value={kind}
          onChange={setKind}
          data={KINDS.map((k) => ({ value: k, label: t(`push:kind.${k}`) }))}
          w={170}
        />
        <SegmentedControl
          size="xs"
          value={state}
          onChange={setState}
          data={[
            { value: 'all', label: t('push:notifications.all') },
            { value: 'unread', label: t('push:notifications.unread') },
            { value: 'ack', label: t('push:notifications.toAck') },
          ]}
        />
      </Group>
      {list.data?.items.length === 0 && (
        <Text c="dimmed" py="lg" ta="center">
          {t('push:notifications.empty')}
        </Text>
      )}
      {list.data?.items.map((item) => (
        <Card
          key={item.id}
          withBorder
          radius="md"
          p="sm"
          onClick={() => open(item)}
          style={{
            cursor: 'pointer',
            borderLeft: `4px solid var(--mantine-color-${severityColor(item.severity)}-6)`,
          }}
        >
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Group gap={6}>
              <Badge size="sm" variant="light">
                {t(`push:kind.${item.kind}`)}
              </Badge>
              {!item.readAt && (
                <Badge size="sm" color="red" variant="dot">
                  {t('push:notifications.new')}
                </Badge>
              )}
              {item.requiresAck && !item.acknowledgedAt && (
                <Badge size="sm" color="orange">
                  {item.ackDue
                    ? t('push:notifications.ackDue', { date: formatDate(item.ackDue) })
                    : t('push:notifications.toAck')}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(item.createdAt)}
            </Text>
          </Group>
          <Text fw={item.readAt ? 500 : 700} mt={4}>
            {item.title}
          </Text>
          {item.reason && (
            <Text size="sm" c="dimmed">
              {t('push:notifications.why')} {item.reason}
            </Text>
          )}
        </Card>
      ))}
      {list.data?.nextCursor && (
        <Button variant="subtle" onClick={() => setLimit((l) => l + 30)}>
          {t('push:notifications.more')}
        </Button>
      )}
    </Stack>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('push:nav.notifications'));
  return (
    <>
      <PageHeader title={t('push:nav.notifications')} description={t('push:notifications.subtitle')} />
      <Tabs defaultValue="list" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="list">{t('push:notifications.tabList')}</Tabs.Tab>
          <Tabs.Tab value="preferences">{t('push:notifications.tabPreferences')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          <NotificationList />
        </Tabs.Panel>
        <Tabs.Panel value="preferences">
          <PreferencesPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

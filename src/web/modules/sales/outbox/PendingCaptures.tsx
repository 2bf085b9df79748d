import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconClockUp } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { formatRelative } from '../../../app/format';
import { ApiError } from '../../../app/api/client';
import {
  deleteOutboxEntry,
  outboxEntries,
  subscribeOutbox,
  type OutboxEntry,
} from '../../../app/offline/outbox-store';

/** What this user captured without a network and the phone has not sent yet. */
export function useOutbox(userId: string) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void outboxEntries(userId)
        .then((found) => alive && setEntries(found))
        .catch(() => undefined);
    load();
    const stop = subscribeOutbox(load);
    return () => {
      alive = false;
      stop();
    };
  }, [userId]);
  return entries;
}

/** The captures waiting to be sent ("waiting to be sent"), or refused by the server with why. */
export function PendingCaptures({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation('sales');
  const entries = useOutbox(userId);
  if (entries.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="pending-captures">
      <Stack gap="xs">
        <Title order={5}>{t('offline.pendingTitle', { count: entries.length })}</Title>
        {entries.map((entry) => (
          <Group key={entry.key} justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 200px' }}>
              <Text size="sm" fw={600} truncate>
                {entry.label}
              </Text>
              <Text size="xs" c="dimmed">
                {formatRelative(entry.createdAt)}
              </Text>
            </Stack>
            {entry.error ? (
              <Group gap="xs">
                <Text size="xs" c="red">
                  {errorMessage(new ApiError({ title: '', status: 400, code: entry.error }), i18n)}
                </Text>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => void deleteOutboxEntry(entry.key)}
                >
                  {t('offline.discard')}
                </Button>
              </Group>
            ) : (
              <Badge color="orange" variant="light" leftSection={<IconClockUp size={12} />}>
                {t('offline.pending')}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

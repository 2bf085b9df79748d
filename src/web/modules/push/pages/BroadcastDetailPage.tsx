import { Anchor, Badge, Card, Group, SegmentedControl, Stack, Table, Text, Typography } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../../app/session';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { keys, useBroadcast, useReceipts } from '../queries';
import { BroadcastCard, canBroadcast } from './BroadcastsPage';

/** A broadcast: its message, my acknowledgment, and for managers the read-receipt view. */
export function BroadcastDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [status, setStatus] = useState('all');
  const client = useQueryClient();
  const broadcast = useBroadcast(id);
  // Opening a broadcast counts as reading it (the server records it): the bell and lists follow.
  const readAt = broadcast.data?.myReceipt?.readAt;
  useEffect(() => {
    if (readAt) void client.invalidateQueries({ queryKey: keys.notifications });
  }, [readAt, client]);
  const receipts = useReceipts(id, status, canBroadcast(me.role));
  if (broadcast.error) return <ErrorState error={broadcast.error} />;
  const b = broadcast.data;
  if (!b) return null;
  return (
    <>
      <PageHeader title={b.title} />
      <Stack gap="md">
        <BroadcastCard b={b} />
        <Card withBorder radius="md">
          <Typography>
            <div dangerouslySetInnerHTML={{ __html: b.html }} />
          </Typography>
          {b.knowledge.length > 0 && (
            <Stack gap={4} mt="sm">
              <Text size="sm" fw={600}>
                {t('push:broadcasts.linkedKnowledge')}
              </Text>
              {b.knowledge.map((item) => (
                <Anchor key={item.id} component={Link} to={item.url} size="sm">
                  <IconBook size={14} style={{ verticalAlign: 'middle' }} /> {item.title}
                </Anchor>
              ))}
            </Stack>
          )}
        </Card>
        {receipts.data && (
          <Card withBorder radius="md" p="sm">
            <Group justify="space-between" wrap="wrap" mb="xs">
              <Text fw={600}>{t('push:receipts.title')}</Text>
              <SegmentedControl
                size="xs"
                value={status}
                onChange={setStatus}
                data={['all', 'unread', 'read', ...(b.requiresAck ? ['pending_ack', 'acked'] : [])].map(
                  (v) => ({ value: v, label: t(`push:receipts.${v}`) }),
                )}
              />
            </Group>
            <Table.ScrollContainer minWidth={420}>
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('push:receipts.person')}</Table.Th>
                    <Table.Th>{t('push:receipts.read')}</Table.Th>
                    {b.requiresAck && <Table.Th>{t('push:receipts.acked')}</Table.Th>}
                    {b.requiresAck && <Table.Th>{t('push:receipts.reminders')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {receipts.data.items.map((r) => (
                    <Table.Tr key={r.userId}>
                      <Table.Td>
                        {r.name}
                        <Text size="xs" c="dimmed">
                          {r.teamName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {r.readAt ? (
                          formatDateTime(r.readAt)
                        ) : (
                          <Badge size="xs" color="gray">
                            {t('push:receipts.unread')}
                          </Badge>
                        )}
                      </Table.Td>
                      {b.requiresAck && (
                        <Table.Td>
                          {r.ackedAt ? (
                            formatDateTime(r.ackedAt)
                          ) : (
                            <Badge size="xs" color="orange">
                              {t('push:receipts.pending_ack')}
                            </Badge>
                          )}
                        </Table.Td>
                      )}
                      {b.requiresAck && <Table.Td>{r.reminderCount}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
      </Stack>
    </>
  );
}

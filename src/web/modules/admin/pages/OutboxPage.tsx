import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { formatDateTime } from '../../../app/format';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { useOutbox, useOutboxMail, type MailStatus, type OutboxQuery } from '../queries';

type Status = MailStatus;
const PAGE_SIZE = 25;
const STATUS_COLORS: Record<Status, string> = {
  queued: 'blue',
  sent: 'teal',
  stored: 'orange',
  failed: 'red',
};

function MailModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mail = useOutboxMail(id);
  const m = mail.data;
  return (
    <Modal
      opened={Boolean(id)}
      onClose={onClose}
      title={m ? (m.confidential ? t('admin:outbox.confidential') : m.subject) : t('admin:outbox.title')}
      size="xl"
    >
      {m && (
        <Stack gap="sm">
          <Text size="sm">
            {t('admin:outbox.toLine', { to: m.to })}
            {m.replyTo ? ` · ${t('admin:outbox.replyToLine', { replyTo: m.replyTo })}` : ''}
          </Text>
          {m.attachments.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('admin:outbox.attachments', { names: m.attachments.map((a) => a.filename).join(', ') })}
            </Text>
          )}
          <Tabs defaultValue={m.html ? 'html' : 'text'}>
            <Tabs.List>
              {m.html && <Tabs.Tab value="html">{t('admin:outbox.asSent')}</Tabs.Tab>}
              <Tabs.Tab value="text">{t('admin:outbox.asText')}</Tabs.Tab>
            </Tabs.List>
            {m.html && (
              <Tabs.Panel value="html" pt="sm">
                {/* Sandboxed: the mail's HTML runs no script and loads as its own document. */}
                <iframe
                  title={m.subject}
                  sandbox=""
                  srcDoc={m.html}
                  style={{
                    width: '100%',
                    height: 420,
                    border: '1px solid var(--mantine-color-gray-3)',
                    borderRadius: 8,
                    background: 'white',
                  }}
                />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="text" pt="sm">
              <ScrollArea.Autosize mah={420}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.text}
                </Text>
              </ScrollArea.Autosize>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Modal>
  );
}

/** The mail outbox (admins): what Relais sent, and what it keeps because no mail server is set. */
export function OutboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin:outbox.title'));
  const [status, setStatus] = useState<'all' | Status>('all');
  const [pager, setPager] = useState(firstPage);
  const [opened, setOpened] = useState<string | null>(null);
  const query: OutboxQuery = {
    status: status === 'all' ? undefined : status,
    limit: PAGE_SIZE,
    cursor: currentCursor(pager),
  };
  const outbox = useOutbox(query);
  const data = outbox.data;
  return (
    <Stack>
      <PageHeader title={t('admin:outbox.title')} description={t('admin:outbox.subtitle')} mb={0} />
      {data && !data.smtpConfigured && (
        <Alert color="orange" icon={<IconMailOff />} title={t('admin:outbox.noServerTitle')}>
          {t('admin:outbox.noServer')}
        </Alert>
      )}
      <SegmentedControl
        value={status}
        onChange={(value) => {
          setStatus(value as 'all' | Status);
          setPager(firstPage);
        }}
        style={{ alignSelf: 'flex-start' }}
        data={(['all', 'stored', 'sent', 'failed'] as const).map((value) => ({
          value,
          label: t(`admin:outbox.filter.${value}`),
        }))}
      />
      {outbox.error && <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />}
      <Card withBorder radius="md" padding={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin:outbox.date')}</Table.Th>
                <Table.Th>{t('admin:outbox.to')}</Table.Th>
                <Table.Th>{t('admin:outbox.subject')}</Table.Th>
                <Table.Th>{t('admin:outbox.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((mail) => (
                <Table.Tr key={mail.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(mail.createdAt)}</Table.Td>
                  <Table.Td>{mail.confidential ? '—' : mail.to}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => setOpened(mail.id)}
                      ta="left"
                    >
                      {mail.confidential ? t('admin:outbox.confidential') : mail.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[mail.status]} variant="light">
                      {t(`admin:outbox.statuses.${mail.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data?.items.length === 0 && (
          <Text c="dimmed" p="lg">
            {t('admin:outbox.empty')}
          </Text>
        )}
      </Card>
      {data && (
        <Group justify="flex-end">
          <CursorPager
            state={pager}
            pageSize={PAGE_SIZE}
            itemCount={data.items.length}
            total={data.total}
            hasNext={Boolean(data.nextCursor)}
            onPrevious={() => setPager(goToPreviousPage)}
            onNext={() => setPager((state) => goToNextPage(state, data.nextCursor))}
          />
        </Group>
      )}
      <MailModal id={opened} onClose={() => setOpened(null)} />
    </Stack>
  );
}

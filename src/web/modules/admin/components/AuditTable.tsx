import { Fragment, useState } from 'react';
import { ActionIcon, Code, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import type { AuditEntry } from '../admin-types';

function hasDetails(details: unknown): boolean {
  if (details === null || details === undefined) return false;
  return typeof details !== 'object' || Object.keys(details as object).length > 0;
}

/** Audit entries; the JSON details of a row unfold under it. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<AuditEntry['id'] | null>(null);
  return (
    <Table.ScrollContainer minWidth={340}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>{t('admin:audit.at')}</Table.Th>
            <Table.Th>{t('admin:audit.action')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('admin:audit.actor')}</Table.Th>
            <Table.Th visibleFrom="md">{t('admin:audit.target')}</Table.Th>
            <Table.Th visibleFrom="lg">{t('admin:audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const opened = openId === entry.id;
            const expandable = hasDetails(entry.details);
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td>
                    {expandable && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        onClick={() => setOpenId(opened ? null : entry.id)}
                        aria-expanded={opened}
                        aria-label={t('admin:audit.details')}
                      >
                        {opened ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatDateTime(entry.at)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{entry.actorName ?? <Text c="dimmed" size="sm">{t('admin:audit.system')}</Text>}</Table.Td>
                  <Table.Td visibleFrom="md">
                    <Text size="sm">{entry.targetType ?? '—'}</Text>
                    {entry.targetId && (
                      <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {entry.targetId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="lg">
                    <Text size="sm" ff="monospace">
                      {entry.ip ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {opened && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Code block>{JSON.stringify({ actorId: entry.actorId, targetId: entry.targetId, ip: entry.ip, details: entry.details }, null, 2)}</Code>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

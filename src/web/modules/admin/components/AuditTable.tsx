import { Fragment, useState } from 'react';
import { ActionIcon, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import type { AuditEntry } from '../queries';
import { actionLabel, changeSummary, detailLines, targetLabel } from './audit-labels';

/** Audit entries in words (names and labels, never ids or codes); the details of a row unfold under it. */
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
            const lines = detailLines(t, entry);
            const target = targetLabel(t, entry.targetType);
            const change = changeSummary(t, entry);
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td>
                    {lines.length > 0 && (
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
                    <Text size="sm" fw={500}>
                      {actionLabel(t, entry.action)}
                    </Text>
                    {change && <Text size="xs">{change}</Text>}
                    {/* On a phone the "By" and "Target" columns fold: who and what go under the action. */}
                    <Text size="xs" c="dimmed" hiddenFrom="md">
                      {[entry.actorName, entry.targetName === entry.actorName ? null : entry.targetName]
                        .filter(Boolean)
                        .join(' → ')}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    {entry.actorName ?? (
                      <Text c="dimmed" size="sm">
                        {t('admin:audit.system')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="md">
                    {entry.targetName && <Text size="sm">{entry.targetName}</Text>}
                    {target && (
                      <Text size="xs" c="dimmed">
                        {target}
                      </Text>
                    )}
                    {!entry.targetName && !target && '—'}
                  </Table.Td>
                  <Table.Td visibleFrom="lg">
                    <Text size="sm" ff="monospace">
                      {entry.ip ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {opened && (
                  <Table.Tr>
                    <Table.Td />
                    <Table.Td colSpan={5}>
                      {lines.map((line) => (
                        <Text size="sm" key={line.label}>
                          <Text span c="dimmed" size="sm">
                            {t('admin:audit.detailLine', { label: line.label })}
                          </Text>
                          {line.value}
                        </Text>
                      ))}
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

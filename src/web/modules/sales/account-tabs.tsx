import { Anchor, Badge, Button, Card, Chip, Group, Stack, Table, Text } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../app/format';
import { money, stageName } from './sales-format';
import { keys, useAccountOffers, useAccountTimeline } from './queries';
import { DocumentsCard } from './components/DocumentsCard';
import { KindBadge, OutcomeBadge } from './components/kinds';
import { NewOfferModal } from './components/OfferForms';

/** Account page tabs owned by the sales module (timeline, offers, documents, brief link). */
export interface AccountTabProps {
  accountId: string;
}

const TYPES = ['activity', 'offer', 'document'] as const;

export function AccountTimelineTab({ accountId }: AccountTabProps) {
  const { t } = useTranslation('sales');
  const [types, setTypes] = useState<string[]>([]);
  const timeline = useAccountTimeline(accountId, types);
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button size="xs" component={Link} to={`/activities/new?accountId=${accountId}`}>
          {t('activities.log')}
        </Button>
        <Chip.Group multiple value={types} onChange={setTypes}>
          {TYPES.map((type) => (
            <Chip key={type} value={type} size="xs">
              {t(`timeline.${type}`)}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      {entries.length === 0 && !timeline.isLoading && (
        <Text c="dimmed" size="sm">
          {t('common.empty')}
        </Text>
      )}
      {entries.map((entry) => (
        <Card key={`${entry.type}:${entry.id}`} withBorder radius="sm" padding="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              {entry.type === 'activity' ? (
                <KindBadge kind={entry.meta.kind as never} />
              ) : (
                <Badge
                  variant="light"
                  color={entry.type === 'offer' ? 'indigo' : 'gray'}
                  leftSection={entry.type === 'document' ? <IconFileText size={12} /> : undefined}
                >
                  {t(`timeline.${entry.type}`, { defaultValue: entry.type })}
                </Badge>
              )}
              {entry.url.startsWith('/api/') ? (
                <Anchor href={entry.url} size="sm" truncate>
                  {entry.title}
                </Anchor>
              ) : (
                <Anchor component={Link} to={entry.url} size="sm" truncate>
                  {entry.title}
                </Anchor>
              )}
            </Group>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(entry.at)}
            </Text>
          </Group>
          {entry.summary && (
            <Text size="sm" c="dimmed" mt={4} lineClamp={2}>
              {entry.summary}
            </Text>
          )}
          {entry.actorName && (
            <Text size="xs" c="dimmed">
              {entry.actorName}
            </Text>
          )}
        </Card>
      ))}
      {timeline.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
        >
          {t('common.more')}
        </Button>
      )}
    </Stack>
  );
}

export function AccountOffersTab({ accountId }: AccountTabProps) {
  const { t, i18n } = useTranslation('sales');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const offers = useAccountOffers(accountId);
  return (
    <Stack gap="sm">
      <Group>
        <Button size="xs" onClick={() => setCreating(true)}>
          {t('offers.new')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('offers.titleLabel')}</Table.Th>
              <Table.Th>{t('offers.stage')}</Table.Th>
              <Table.Th ta="right">{t('offers.amount')}</Table.Th>
              <Table.Th>{t('offers.expectedClose')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {offers.data?.items.map((o) => (
              <Table.Tr key={o.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/offers/${o.id}`)}>
                <Table.Td>
                  <Anchor component={Link} to={`/offers/${o.id}`}>
                    {o.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={o.outcome} label={stageName(o, i18n.language)} />
                </Table.Td>
                <Table.Td ta="right">{money(o.amount, i18n.language)}</Table.Td>
                <Table.Td>{formatDate(o.expectedCloseDate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {offers.data?.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('common.empty')}
        </Text>
      )}
      <NewOfferModal
        opened={creating}
        accountId={accountId}
        onClose={() => setCreating(false)}
        onCreated={(offer) => {
          void client.invalidateQueries({ queryKey: keys.offers });
          navigate(`/offers/${offer.id}`);
        }}
      />
    </Stack>
  );
}

export function AccountDocumentsTab({ accountId }: AccountTabProps) {
  return <DocumentsCard parentType="account" parentId={accountId} includeChildren bare />;
}

export function AccountBriefLink({ accountId }: AccountTabProps) {
  const { t } = useTranslation('sales');
  return (
    <Button component={Link} to={`/accounts/${accountId}/brief`} variant="light">
      {t('brief.open')}
    </Button>
  );
}

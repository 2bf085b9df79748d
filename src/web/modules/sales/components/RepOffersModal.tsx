import { Alert, Anchor, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { formatDate } from '../../../app/format';
import { CursorPager } from '../../../components/CursorPager';
import { money } from '../sales-format';
import { useRepOffers } from '../queries';

type OutcomeFilter = 'open' | 'won' | 'lost';
const PAGE_SIZE = 10;

/**
 * A manager's drill-down into one rep's figures (MGT-1): the offers behind them that the manager
 * may see, and how many others the figures count without showing them (confidential).
 */
export function RepOffersModal({
  rep,
  onClose,
}: {
  rep: { userId: string; name: string } | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('sales');
  const [outcome, setOutcome] = useState<OutcomeFilter>('won');
  const [pager, setPager] = useState(firstPage);
  const offers = useRepOffers(
    rep?.userId,
    { outcome, limit: PAGE_SIZE, cursor: currentCursor(pager) },
    pager.index,
  );
  const data = offers.data;
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={Boolean(rep)}
      onClose={onClose}
      title={t('dashboard.team.offersOf', { name: rep?.name ?? '' })}
      size="lg"
    >
      <Stack gap="sm">
        {/* Side by side the three outcomes are wider than a phone: they stack there. */}
        <SegmentedControl
          orientation={isPhone ? 'vertical' : 'horizontal'}
          value={outcome}
          onChange={(value) => {
            setOutcome(value as OutcomeFilter);
            setPager(firstPage);
          }}
          data={(['won', 'open', 'lost'] as const).map((value) => ({
            value,
            label: t(`dashboard.team.outcomes.${value}`),
          }))}
        />
        {data && data.hidden > 0 && (
          <Alert color="gray" icon={<IconLock size={16} />}>
            {t('dashboard.team.hidden', { count: data.hidden })}
          </Alert>
        )}
        {data && data.items.length === 0 && data.hidden === 0 && (
          <Text size="sm" c="dimmed">
            {t('common.empty')}
          </Text>
        )}
        {data && data.items.length > 0 && (
          <Table.ScrollContainer minWidth={420}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('offers.titleLabel')}</Table.Th>
                  <Table.Th>{t('offers.account')}</Table.Th>
                  <Table.Th ta="right">{t('offers.amount')}</Table.Th>
                  <Table.Th>
                    {outcome === 'open' ? t('offers.expectedClose') : t('dashboard.team.closedAt')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((offer) => (
                  <Table.Tr key={offer.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/offers/${offer.id}`} size="sm" onClick={onClose}>
                        {offer.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{offer.accountName}</Table.Td>
                    <Table.Td ta="right">{money(offer.amount, i18n.language)}</Table.Td>
                    <Table.Td>
                      {formatDate(outcome === 'open' ? offer.expectedCloseDate : offer.closedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {data && (data.nextCursor || pager.index > 0) && (
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
      </Stack>
    </Modal>
  );
}

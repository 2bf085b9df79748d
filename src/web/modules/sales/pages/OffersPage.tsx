import {
  DndContext,
  PointerSensor,
  TouchSensor,
  KeyboardSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { toQueryString } from '../../../app/api/client';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { formatDate, formatPercent } from '../../../app/format';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { money, stageName } from '../sales-format';
import { keys, useOfferBoard, useOfferList, type Board, type Offer, type Stage } from '../queries';
import { OutcomeBadge } from '../components/kinds';
import { NewOfferModal, useStageMove } from '../components/OfferForms';

function OfferCard({ offer }: { offer: Offer }) {
  const { i18n } = useTranslation('sales');
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: offer.id,
    data: offer,
  });
  const style = {
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    opacity: isDragging ? 0.6 : 1,
    zIndex: isDragging ? 10 : undefined,
    touchAction: 'manipulation',
  };
  return (
    <Card ref={setNodeRef} withBorder radius="sm" padding="sm" style={style} {...listeners} {...attributes}>
      <Anchor
        component={Link}
        to={`/offers/${offer.id}`}
        fw={600}
        size="sm"
        lineClamp={2}
        onPointerDown={(e) => e.stopPropagation()}
      >
        {offer.title}
      </Anchor>
      <Text size="xs" c="dimmed" truncate>
        {offer.accountName}
      </Text>
      <Group justify="space-between" mt={4} gap={4}>
        <Text size="sm" fw={600}>
          {money(offer.amount, i18n.language)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(offer.expectedCloseDate)}
        </Text>
      </Group>
    </Card>
  );
}

function Column({ column }: { column: Board['columns'][number] }) {
  const { t, i18n } = useTranslation('sales');
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.key, data: column.stage });
  const color = column.stage.outcome === 'won' ? 'teal' : column.stage.outcome === 'lost' ? 'red' : 'blue';
  return (
    <Box
      ref={setNodeRef}
      w={272}
      miw={272}
      p="xs"
      style={{
        borderRadius: 8,
        background: isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-default-hover)',
      }}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={700} size="sm">
          {stageName(column.stage, i18n.language)}
        </Text>
        <Badge color={color} variant="light">
          {column.count}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {money(column.amount, i18n.language)} · {formatPercent(column.stage.probability, i18n.language)}
      </Text>
      <Stack gap="xs">
        {column.items.map((offer) => (
          <OfferCard key={offer.id} offer={offer} />
        ))}
        {column.count > column.items.length && (
          <Text size="xs" c="dimmed" ta="center">
            {t('offers.more', { count: column.count - column.items.length })}
          </Text>
        )}
      </Stack>
    </Box>
  );
}

export function OffersPage() {
  const { t, i18n } = useTranslation('sales');
  useDocumentTitle(t('offers.title'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const mine = params.get('owner') !== 'all';
  const [q, setQ] = useState('');
  const [pager, setPager] = useState(firstPage);
  const [creating, setCreating] = useState(false);
  const filters = { q: q || undefined, ownerId: mine ? 'me' : undefined };
  const board = useOfferBoard(filters, view === 'board');
  const list = useOfferList(filters, pager.index, currentCursor(pager), view === 'list');
  const refresh = () => void client.invalidateQueries({ queryKey: keys.offers });
  const mover = useStageMove(refresh);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const onDragEnd = (event: DragEndEvent) => {
    const offer = event.active.data.current as Offer | undefined;
    const stage = event.over?.data.current as Stage | undefined;
    if (offer && stage) mover.request({ offerId: offer.id, from: offer.stage, amount: offer.amount, stage });
  };
  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        return p;
      },
      { replace: true },
    );
  return (
    <Stack maw={1600} mx="auto">
      {mover.element}
      <PageHeader
        title={t('offers.title')}
        description={t('offers.subtitle')}
        mb={0}
        actions={
          <>
            <Button
              component="a"
              href={`/api/v1/offers/export.csv${toQueryString(filters)}`}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              CSV
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('offers.new')}
            </Button>
          </>
        }
      />
      <Group>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('offers.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPager(firstPage);
          }}
          style={{ flex: 1, minWidth: 180 }}
        />
        <SegmentedControl
          value={mine ? 'me' : 'all'}
          onChange={(v) => setParam('owner', v)}
          data={[
            { value: 'me', label: t('offers.mine') },
            { value: 'all', label: t('offers.allVisible') },
          ]}
        />
        <SegmentedControl
          value={view}
          onChange={(v) => setParam('view', v)}
          data={[
            { value: 'board', label: t('offers.board') },
            { value: 'list', label: t('offers.list') },
          ]}
        />
      </Group>
      {(board.error || list.error) && <ErrorState error={board.error ?? list.error} />}
      {view === 'board' && board.data && (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
              {board.data.columns.map((column) => (
                <Column key={column.stage.key} column={column} />
              ))}
            </Group>
          </ScrollArea>
        </DndContext>
      )}
      {view === 'list' && list.data && (
        <>
          <Card withBorder radius="md" padding={0}>
            <Table.ScrollContainer minWidth={720}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('offers.titleLabel')}</Table.Th>
                    <Table.Th>{t('offers.account')}</Table.Th>
                    <Table.Th>{t('offers.stage')}</Table.Th>
                    <Table.Th ta="right">{t('offers.amount')}</Table.Th>
                    <Table.Th>{t('offers.expectedClose')}</Table.Th>
                    <Table.Th>{t('offers.owner')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((o) => (
                    <Table.Tr
                      key={o.id}
                      style={{ cursor: 'pointer' }}
                      onClick={() => navigate(`/offers/${o.id}`)}
                    >
                      <Table.Td>
                        <Anchor component={Link} to={`/offers/${o.id}`}>
                          {o.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{o.accountName}</Table.Td>
                      <Table.Td>
                        <OutcomeBadge outcome={o.outcome} label={stageName(o, i18n.language)} />
                      </Table.Td>
                      <Table.Td ta="right">{money(o.amount, i18n.language)}</Table.Td>
                      <Table.Td>{formatDate(o.expectedCloseDate)}</Table.Td>
                      <Table.Td>{o.ownerName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {list.data.items.length === 0 && (
              <Text c="dimmed" p="lg">
                {t('common.empty')}
              </Text>
            )}
          </Card>
          <CursorPager
            state={pager}
            pageSize={25}
            itemCount={list.data.items.length}
            total={list.data.total}
            totalAtLeast={list.data.totalAtLeast}
            hasNext={Boolean(list.data.nextCursor)}
            onPrevious={() => setPager(goToPreviousPage)}
            onNext={() => setPager((s) => goToNextPage(s, list.data?.nextCursor))}
          />
        </>
      )}
      <NewOfferModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(offer) => {
          refresh();
          navigate(`/offers/${offer.id}`);
        }}
      />
    </Stack>
  );
}

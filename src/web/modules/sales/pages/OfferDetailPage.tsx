import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { usePushCheck } from '../../push/push-check';
import { money, stageName } from '../sales-format';
import {
  addOfferLine,
  deleteOffer,
  deleteOfferLine,
  keys,
  updateOfferLine,
  useOffer,
  useOfferActivities,
  type OfferLinePatch,
  type OfferDetail,
  type OfferLine,
} from '../queries';
import { DocumentsCard } from '../components/DocumentsCard';
import { KindBadge, OutcomeBadge } from '../components/kinds';
import { StageSelect, useStageMove, useStages } from '../components/OfferForms';
import { ProductPicker } from '../components/pickers';

type Guard = ReturnType<typeof usePushCheck>;

function LineRow({
  line,
  offerId,
  editable,
  onSaved,
  onCancelled,
  guard,
}: {
  line: OfferLine;
  offerId: string;
  editable: boolean;
  onSaved: (offer: OfferDetail) => void;
  onCancelled: () => void;
  guard: Guard;
}) {
  const { t, i18n } = useTranslation('sales');
  // Every line change is checked like adding a line (PUSH-2): the server names what the rules read.
  const save = useMutation({
    mutationFn: (patch: Partial<OfferLine>) =>
      guard.run('offer.line.update', { offerId, lineId: line.id, ...patch }, () =>
        updateOfferLine(offerId, line.id, patch as OfferLinePatch),
      ),
    onSuccess: (saved) => (saved ? onSaved(saved) : onCancelled()),
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: () =>
      guard.run('offer.line.delete', { offerId, lineId: line.id }, () => deleteOfferLine(offerId, line.id)),
    onSuccess: (saved) => saved && onSaved(saved),
    onError: (e) => notifyError(e),
  });
  const numberCell = (key: 'quantity' | 'unitPrice' | 'discountPercent', props: Record<string, unknown>) =>
    editable ? (
      <NumberInput
        size="xs"
        w={110}
        defaultValue={line[key]}
        min={0}
        decimalScale={2}
        aria-label={t(`offers.${key}`)}
        {...props}
        onBlur={(e) => {
          const value = Number(e.currentTarget.value.replace(/[^\d.,-]/g, '').replace(',', '.'));
          if (!Number.isNaN(value) && value !== line[key]) save.mutate({ [key]: value });
        }}
      />
    ) : key === 'unitPrice' ? (
      money(line.unitPrice, i18n.language)
    ) : key === 'discountPercent' ? (
      formatPercent(line[key], i18n.language)
    ) : (
      formatNumber(line[key], i18n.language)
    );
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/products/${line.productId}`} size="sm">
          {line.productReference}
        </Anchor>
        <Text size="xs" c="dimmed">
          {line.productName}
        </Text>
      </Table.Td>
      <Table.Td>{numberCell('quantity', {})}</Table.Td>
      <Table.Td>{numberCell('unitPrice', {})}</Table.Td>
      <Table.Td>{numberCell('discountPercent', { max: 100 })}</Table.Td>
      <Table.Td ta="right" fw={600}>
        {money(line.total, i18n.language)}
      </Table.Td>
      <Table.Td>
        {editable && (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('common.delete')}
            onClick={() => remove.mutate()}
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function AddLine({ offer, onSaved }: { offer: OfferDetail; onSaved: (offer: OfferDetail) => void }) {
  const { t } = useTranslation('sales');
  const pushCheck = usePushCheck();
  const [productId, setProductId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);
  const add = useMutation({
    mutationFn: () =>
      pushCheck.run('offer.line.add', { offerId: offer.id, productId, quantity }, () =>
        addOfferLine(offer.id, { productId: productId!, quantity }),
      ),
    onSuccess: (saved) => {
      if (saved) {
        onSaved(saved);
        setProductId(null);
        setQuantity(1);
      }
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Group align="flex-end" wrap="wrap">
      {pushCheck.element}
      <ProductPicker
        label={t('offers.addProduct')}
        value={productId}
        onChange={(id) => setProductId(id)}
        style={{ flex: 1, minWidth: 220 }}
      />
      <NumberInput
        label={t('offers.quantity')}
        w={110}
        min={0.01}
        value={quantity}
        onChange={(v) => setQuantity(Number(v) || 1)}
      />
      <Button
        leftSection={<IconPlus size={16} />}
        disabled={!productId}
        loading={add.isPending}
        onClick={() => add.mutate()}
      >
        {t('offers.addLine')}
      </Button>
    </Group>
  );
}

export function OfferDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('sales');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const offer = useOffer(id);
  const activities = useOfferActivities(id);
  const stages = useStages();
  useDocumentTitle(offer.data?.title ?? t('offers.title'));
  const update = (saved: OfferDetail) => {
    client.setQueryData(keys.offer(id), saved);
    void client.invalidateQueries({ queryKey: keys.offers, exact: false });
  };
  const mover = useStageMove(update);
  const lineGuard = usePushCheck();
  // A cancelled line change puts the typed value back: the rows are keyed by this too.
  const [resets, setResets] = useState(0);
  const remove = useMutation({
    mutationFn: () => deleteOffer(id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.offers });
      navigate('/offers');
    },
    onError: (e) => notifyError(e),
  });
  if (offer.error) return <ErrorState error={offer.error} />;
  const o = offer.data;
  if (!o) return null;
  const lang = i18n.language;
  const editable = o.outcome === 'open';
  const nameOf = (key: string | null) => {
    const s = stages.data?.items.find((x) => x.key === key);
    return s ? stageName(s, lang) : (key ?? '');
  };
  return (
    <Stack maw={1200} mx="auto">
      {mover.element}
      {lineGuard.element}
      <PageHeader
        title={o.title}
        mb={0}
        description={`${o.accountName} · ${o.ownerName}`}
        actions={
          <>
            <Button component={Link} to={`/accounts/${o.accountId}`} variant="default">
              {t('offers.openAccount')}
            </Button>
            <Button
              component={Link}
              to={`/activities/new?accountId=${o.accountId}&offerId=${o.id}`}
              variant="light"
            >
              {t('activities.log')}
            </Button>
            <Button color="red" variant="subtle" onClick={() => setConfirmDelete(true)}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Card withBorder radius="md" padding="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('offers.amount')}
          </Text>
          <Text fz={24} fw={700}>
            {money(o.amount, lang)}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            {t('offers.stage')}
          </Text>
          {stages.data && (
            <StageSelect
              value={o.stage}
              stages={stages.data.items}
              onChange={(stage) => mover.request({ offerId: o.id, from: o.stage, amount: o.amount, stage })}
            />
          )}
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('offers.expectedClose')}
          </Text>
          <Text fz="lg" fw={600}>
            {formatDate(o.expectedCloseDate) || '–'}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('offers.contact')}
          </Text>
          <Text fz="lg" fw={600}>
            {o.contactName ?? '–'}
          </Text>
        </Card>
      </SimpleGrid>
      {o.outcome !== 'open' && (
        <Card withBorder radius="md" padding="md">
          <Group gap="xs">
            <OutcomeBadge outcome={o.outcome} label={stageName(o, lang)} />
            <Text size="sm">{formatDate(o.closedAt)}</Text>
          </Group>
          {o.closeReason && (
            <Text size="sm" mt={4}>
              {t('offers.reason')} : {o.closeReason}
            </Text>
          )}
          {o.competitor && (
            <Text size="sm">
              {t('offers.competitor')} : {o.competitor}
            </Text>
          )}
        </Card>
      )}
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="xs">
          {t('offers.lines')}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('offers.product')}</Table.Th>
                <Table.Th>{t('offers.quantity')}</Table.Th>
                <Table.Th>{t('offers.unitPrice')}</Table.Th>
                <Table.Th>{t('offers.discountPercent')}</Table.Th>
                <Table.Th ta="right">{t('offers.total')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.lines.map((line) => (
                <LineRow
                  key={`${line.id}-${line.quantity}-${line.unitPrice}-${line.discountPercent}-${resets}`}
                  line={line}
                  offerId={o.id}
                  editable={editable}
                  onSaved={update}
                  onCancelled={() => setResets((n) => n + 1)}
                  guard={lineGuard}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {o.lines.length === 0 && (
          <Text c="dimmed" size="sm" mb="sm">
            {t('offers.noLines')}
          </Text>
        )}
        {editable ? (
          <AddLine offer={o} onSaved={update} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('offers.closedLines')}
          </Text>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="sm">
            {t('offers.history')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} active={o.stageHistory.length}>
            {o.stageHistory.map((h) => (
              <Timeline.Item key={h.id} title={nameOf(h.to)}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(h.changedAt)}
                  {h.changedByName ? ` · ${h.changedByName}` : ''}
                </Text>
                {h.reason && (
                  <Text size="xs">
                    {h.reason}
                    {h.competitor ? ` (${h.competitor})` : ''}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="sm">
            {t('activities.title')}
          </Title>
          <Stack gap="xs">
            {activities.data?.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('common.empty')}
              </Text>
            )}
            {activities.data?.items.map((a) => (
              <Group key={a.id} gap="xs" wrap="nowrap">
                <KindBadge kind={a.kind} />
                <Anchor component={Link} to={`/activities/${a.id}`} size="sm" truncate>
                  {a.subject}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDate(a.occurredAt)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <DocumentsCard parentType="offer" parentId={o.id} />
      </SimpleGrid>
      <ConfirmModal
        opened={confirmDelete}
        title={t('offers.deleteTitle')}
        message={t('offers.deleteMessage', { title: o.title })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}

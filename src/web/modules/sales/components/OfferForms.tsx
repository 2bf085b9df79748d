import { formatPercent } from '../../../app/format';
import { Button, Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../app/error-message';
import { notifyError } from '../../../app/notify';
import { usePushCheck } from '../../push/push-check';
import { stageName } from '../sales-format';
import {
  createOffer,
  moveOfferStage,
  useOfferStages,
  type OfferBody,
  type OfferDetail,
  type Stage,
} from '../queries';
import { AccountPicker, ContactPicker, ProductPicker } from './pickers';

export const useStages = useOfferStages;

/** New offer: account, title, expected close date, first product line. Checks push rules before saving. */
export function NewOfferModal({
  opened,
  onClose,
  onCreated,
  accountId: fixedAccount,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (offer: OfferDetail) => void;
  accountId?: string;
}) {
  const { t, i18n } = useTranslation('sales');
  const pushCheck = usePushCheck();
  const [accountId, setAccountId] = useState<string | null>(fixedAccount ?? null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [close, setClose] = useState<string | null>(dayjs().add(2, 'month').format('YYYY-MM-DD'));
  const [productId, setProductId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);
  const create = useMutation({
    mutationFn: async () => {
      const body = {
        title,
        accountId,
        contactId,
        expectedCloseDate: close,
        lines: productId ? [{ productId, quantity }] : [],
      };
      // The ids are enough: the server completes the account's segment, the products, the amount.
      return pushCheck.run('offer.create', body, () => createOffer(body as OfferBody));
    },
    onSuccess: (offer) => offer && onCreated(offer),
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(create.error, i18n);
  return (
    <Modal opened={opened} onClose={onClose} title={t('offers.new')} size="lg">
      {pushCheck.element}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          {!fixedAccount && (
            <AccountPicker
              label={t('offers.account')}
              required
              value={accountId}
              onChange={(id) => setAccountId(id)}
              error={errors.accountId}
            />
          )}
          <TextInput
            label={t('offers.titleLabel')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <Group grow align="flex-start">
            <ContactPicker
              label={t('offers.contact')}
              value={contactId}
              accountId={accountId}
              onChange={(id) => setContactId(id)}
              error={errors.contactId}
            />
            <DateInput
              label={t('offers.expectedClose')}
              valueFormat="L"
              value={close}
              onChange={(v) => setClose(v ? dayjs(v).format('YYYY-MM-DD') : null)}
              clearable
            />
          </Group>
          <Group grow align="flex-start">
            <ProductPicker
              label={t('offers.firstProduct')}
              value={productId}
              onChange={(id) => setProductId(id)}
              error={errors['lines.0.productId']}
            />
            <NumberInput
              label={t('offers.quantity')}
              min={0.01}
              value={quantity}
              onChange={(v) => setQuantity(Number(v) || 1)}
              maw={140}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!accountId || !title.trim()}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Asks why an offer was lost (reason and competitor are required) or won. */
export function CloseOfferModal({
  stage,
  onClose,
  onConfirm,
  loading,
}: {
  stage: Stage | null;
  onClose: () => void;
  onConfirm: (reason: string, competitor: string) => void;
  loading?: boolean;
}) {
  const { t, i18n } = useTranslation('sales');
  const [reason, setReason] = useState('');
  const [competitor, setCompetitor] = useState('');
  const lost = stage?.outcome === 'lost';
  return (
    <Modal
      opened={Boolean(stage)}
      onClose={onClose}
      title={stage ? t('offers.moveTo', { stage: stageName(stage, i18n.language) }) : ''}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason.trim(), competitor.trim());
        }}
      >
        <Stack>
          <Textarea
            label={lost ? t('offers.lostReason') : t('offers.wonReason')}
            required={lost}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {lost && (
            <TextInput
              label={t('offers.competitor')}
              required
              value={competitor}
              onChange={(e) => setCompetitor(e.currentTarget.value)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={lost ? 'red' : 'teal'}
              loading={loading}
              disabled={lost && (!reason.trim() || !competitor.trim())}
            >
              {t('common.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Moving an offer (board drop or stage menu): open stages directly, won/lost through the modal. */
export function useStageMove(onDone: (offer: OfferDetail) => void) {
  const pushCheck = usePushCheck();
  const [pending, setPending] = useState<{
    offerId: string;
    from: string;
    amount: number;
    stage: Stage;
  } | null>(null);
  const move = useMutation({
    mutationFn: async (input: {
      offerId: string;
      from: string;
      amount: number;
      stage: Stage;
      reason?: string;
      competitor?: string;
    }) =>
      // The alert dialog opens above the stage dialog, which stays open (and busy) until it is answered.
      pushCheck.run('offer.stage.change', { offerId: input.offerId, to: input.stage.key }, () =>
        moveOfferStage(input.offerId, {
          stage: input.stage.key,
          reason: input.reason || undefined,
          competitor: input.competitor || undefined,
        }),
      ),
    onSuccess: (offer) => {
      setPending(null);
      if (offer) onDone(offer);
    },
    onError: (error) => notifyError(error),
  });
  const request = (input: { offerId: string; from: string; amount: number; stage: Stage }) => {
    if (input.stage.key === input.from) return;
    if (input.stage.outcome === 'open') move.mutate(input);
    else setPending(input);
  };
  const element = (
    <>
      {pushCheck.element}
      <CloseOfferModal
        stage={pending?.stage ?? null}
        loading={move.isPending}
        onClose={() => setPending(null)}
        onConfirm={(reason, competitor) => pending && move.mutate({ ...pending, reason, competitor })}
      />
    </>
  );
  return { request, element, pending: move.isPending };
}

export function StageSelect({
  value,
  onChange,
  stages,
}: {
  value: string;
  onChange: (stage: Stage) => void;
  stages: Stage[];
}) {
  const { t, i18n } = useTranslation('sales');
  // Named, so a screen reader (and a test) finds it by what it is, not by the text it shows.
  return (
    <Select
      aria-label={t('offers.stage')}
      value={value}
      allowDeselect={false}
      data={stages.map((s) => ({
        value: s.key,
        label: `${stageName(s, i18n.language)} (${formatPercent(s.probability, i18n.language)})`,
      }))}
      onChange={(key) => {
        const s = stages.find((x) => x.key === key);
        if (s) onChange(s);
      }}
    />
  );
}

import { ACCOUNT_LIMITS } from '../../../common/limits';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fieldErrors } from '../../app/error-message';
import { i18n } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { usePushCheck } from '../push/push-check';
import { ACCOUNT_KINDS, ACCOUNT_SIZES, nullIfEmpty, VISIBILITIES } from './account-fields';
import {
  createAccount,
  keys,
  updateAccount,
  useCustomFields,
  type Account,
  type AccountBody,
  type CustomField,
} from './queries';

type Values = {
  name: string;
  kind: string;
  siren: string;
  siret: string;
  sector: string;
  size: string;
  addressLine: string;
  postalCode: string;
  city: string;
  segment: string;
  phone: string;
  website: string;
  visibility: string;
  tags: string[];
  customFields: Record<string, unknown>;
};

const fromAccount = (account?: Account): Values => ({
  name: account?.name ?? '',
  kind: account?.kind ?? 'prospect',
  siren: account?.siren ?? '',
  siret: account?.siret ?? '',
  sector: account?.sector ?? '',
  size: account?.size ?? '',
  addressLine: account?.addressLine ?? '',
  postalCode: account?.postalCode ?? '',
  city: account?.city ?? '',
  segment: account?.segment ?? '',
  phone: account?.phone ?? '',
  website: account?.website ?? '',
  visibility: account?.visibility ?? 'team',
  tags: account?.tags ?? [],
  customFields: account?.customFields ?? {},
});

export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
}) {
  const label = i18n.language === 'en' ? field.labelEn : field.labelFr;
  if (field.fieldType === 'number')
    return (
      <NumberInput
        label={label}
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(v === '' ? null : v)}
        error={error}
        decimalSeparator={i18n.language === 'fr' ? ',' : '.'}
      />
    );
  if (field.fieldType === 'date')
    return (
      <TextInput
        type="date"
        label={label}
        value={(value as string) ?? ''}
        onChange={(e) => onChange(e.currentTarget.value || null)}
        error={error}
      />
    );
  if (field.fieldType === 'choice')
    return (
      <Select
        clearable
        label={label}
        data={field.choices}
        value={(value as string) ?? null}
        onChange={(v) => onChange(v)}
        error={error}
      />
    );
  return (
    <TextInput
      label={label}
      value={(value as string) ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || null)}
      error={error}
    />
  );
}

/** Create or edit an account; checks push alerts (PUSH-2) before saving. */
export function AccountFormModal({
  opened,
  onClose,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  account?: Account;
}) {
  const { t } = useTranslation('accounts');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pushCheck = usePushCheck();
  const customFields = useCustomFields('account');
  const [values, setValues] = useState<Values>(fromAccount(account));
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (opened) {
      setValues(fromAccount(account));
      setErrors({});
    }
  }, [opened, account]);
  const set = (key: keyof Values) => (event: { currentTarget: { value: string } }) => {
    // Read now: React may run the updater after the event's target is gone (typing fast crashed the form).
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [key]: value }));
  };

  const save = useMutation({
    meta: { handlesErrors: true }, // field errors under their field, any other error notified once below
    mutationFn: async () => {
      const body = {
        name: values.name.trim(),
        kind: values.kind,
        siren: nullIfEmpty(values.siren),
        siret: nullIfEmpty(values.siret),
        sector: nullIfEmpty(values.sector),
        size: values.size || null,
        addressLine: nullIfEmpty(values.addressLine),
        postalCode: nullIfEmpty(values.postalCode),
        city: nullIfEmpty(values.city),
        segment: nullIfEmpty(values.segment),
        phone: nullIfEmpty(values.phone),
        website: nullIfEmpty(values.website),
        tags: values.tags,
        visibility: values.visibility,
        customFields: values.customFields,
      };
      const action = account ? 'account.update' : 'account.create';
      return pushCheck.run(action, { ...body, accountId: account?.id }, () =>
        account ? updateAccount(account.id, body as AccountBody) : createAccount(body as AccountBody),
      );
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void queryClient.invalidateQueries({ queryKey: keys.accounts });
      void queryClient.invalidateQueries({ queryKey: keys.account(saved.id) });
      notifySuccess(account ? t('accounts.updated') : t('accounts.created'));
      onClose();
      if (!account) navigate(`/accounts/${saved.id}`);
    },
    onError: (error) => {
      const found = fieldErrors(error, i18n);
      setErrors(found);
      if (Object.keys(found).length === 0) notifyError(error);
    },
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? t('accounts.edit') : t('accounts.new')}
      size="lg"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 500}
    >
      {pushCheck.element}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!values.name.trim()) {
            setErrors({ name: t('form.required') });
            return;
          }
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('fields.name')}
            required
            maxLength={ACCOUNT_LIMITS.name}
            value={values.name}
            onChange={set('name')}
            error={errors.name}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('fields.kind')}
              data={ACCOUNT_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
              value={values.kind}
              onChange={(v) => setValues((c) => ({ ...c, kind: v ?? 'prospect' }))}
              allowDeselect={false}
            />
            <Select
              label={t('fields.visibility')}
              data={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
              value={values.visibility}
              onChange={(v) => setValues((c) => ({ ...c, visibility: v ?? 'team' }))}
              allowDeselect={false}
              description={t(`visibilityHelp.${values.visibility}`)}
            />
            <TextInput
              label="SIREN"
              maxLength={ACCOUNT_LIMITS.siren}
              value={values.siren}
              onChange={set('siren')}
              error={errors.siren}
              inputMode="numeric"
            />
            <TextInput
              label="SIRET"
              maxLength={ACCOUNT_LIMITS.siret}
              value={values.siret}
              onChange={set('siret')}
              error={errors.siret}
              inputMode="numeric"
            />
            <TextInput
              label={t('fields.sector')}
              maxLength={ACCOUNT_LIMITS.sector}
              value={values.sector}
              onChange={set('sector')}
            />
            <Select
              label={t('fields.size')}
              clearable
              data={ACCOUNT_SIZES.map((size) => ({ value: size, label: t(`sizes.${size}`) }))}
              value={values.size || null}
              onChange={(v) => setValues((c) => ({ ...c, size: v ?? '' }))}
            />
            <TextInput
              label={t('fields.segment')}
              maxLength={ACCOUNT_LIMITS.segment}
              value={values.segment}
              onChange={set('segment')}
            />
            <TextInput
              label={t('fields.phone')}
              maxLength={ACCOUNT_LIMITS.phone}
              value={values.phone}
              onChange={set('phone')}
              error={errors.phone}
              type="tel"
            />
          </SimpleGrid>
          <TextInput
            label={t('fields.address')}
            maxLength={ACCOUNT_LIMITS.addressLine}
            value={values.addressLine}
            onChange={set('addressLine')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('fields.postalCode')}
              maxLength={ACCOUNT_LIMITS.postalCode}
              value={values.postalCode}
              onChange={set('postalCode')}
            />
            <TextInput
              label={t('fields.city')}
              maxLength={ACCOUNT_LIMITS.city}
              value={values.city}
              onChange={set('city')}
            />
          </SimpleGrid>
          <TextInput
            label={t('fields.website')}
            maxLength={ACCOUNT_LIMITS.website}
            value={values.website}
            onChange={set('website')}
            type="url"
          />
          <TagsInput
            label={t('fields.tags')}
            maxLength={ACCOUNT_LIMITS.tag}
            value={values.tags}
            onChange={(tags) => setValues((c) => ({ ...c, tags }))}
          />
          {(customFields.data ?? []).length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {customFields.data!.map((field) => (
                <CustomFieldInput
                  key={field.id}
                  field={field}
                  value={values.customFields[field.key]}
                  error={errors[field.key]}
                  onChange={(value) =>
                    setValues((c) => ({ ...c, customFields: { ...c.customFields, [field.key]: value } }))
                  }
                />
              ))}
            </SimpleGrid>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { CONTACT_LIMITS } from '../../../common/limits';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../app/error-message';
import { i18n } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { usePushCheck } from '../push/push-check';
import { nullIfEmpty, VISIBILITIES } from './account-fields';
import { createContact, findAccounts, keys, updateContact, type Contact, type ContactBody } from './queries';

type Link = { accountId: string; accountName: string; role: string };
type Values = {
  firstName: string;
  lastName: string;
  title: string;
  email: string;
  phone: string;
  mobile: string;
  notes: string;
  emailConsent: boolean;
  consentSource: string;
  visibility: string;
  accounts: Link[];
};

const fromContact = (
  contact?: Contact,
  defaultAccount?: { accountId: string; accountName: string },
): Values => ({
  firstName: contact?.firstName ?? '',
  lastName: contact?.lastName ?? '',
  title: contact?.title ?? '',
  email: contact?.emails[0]?.address ?? '',
  phone: contact?.phones.find((p) => p.label !== 'mobile')?.number ?? '',
  mobile: contact?.phones.find((p) => p.label === 'mobile')?.number ?? '',
  notes: contact?.notes ?? '',
  emailConsent: contact?.emailConsent ?? false,
  consentSource: contact?.consentSource ?? '',
  visibility: contact?.visibility ?? 'team',
  accounts: contact
    ? contact.accounts.map((l) => ({
        accountId: l.accountId,
        accountName: l.accountName,
        role: l.role ?? '',
      }))
    : defaultAccount
      ? [{ ...defaultAccount, role: '' }]
      : [],
});

/** Create or edit a contact and its accounts (with role), e-mail consent; push check before saving. */
export function ContactFormModal({
  opened,
  onClose,
  contact,
  defaultAccount,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: Contact;
  defaultAccount?: { accountId: string; accountName: string };
}) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const pushCheck = usePushCheck();
  const [values, setValues] = useState<Values>(fromContact(contact, defaultAccount));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (opened) {
      setValues(fromContact(contact, defaultAccount));
      setErrors({});
    }
  }, [opened, contact, defaultAccount]);
  const set = (key: keyof Values) => (event: { currentTarget: { value: string } }) => {
    // Read now: React may run the updater after the event's target is gone (typing fast crashed the form).
    const value = event.currentTarget.value;
    setValues((c) => ({ ...c, [key]: value }));
  };
  const searchAccounts = (q: string) => {
    if (q.trim().length < 2) return;
    void findAccounts({ q, limit: 10 })
      .then((page) => setOptions(page.items.map((a) => ({ value: a.id, label: a.name }))))
      .catch(() => undefined);
  };

  const save = useMutation({
    meta: { handlesErrors: true }, // field errors under their field, any other error notified once below
    mutationFn: async () => {
      const phones = [
        values.mobile && { number: values.mobile.trim(), label: 'mobile' },
        values.phone && { number: values.phone.trim(), label: 'work' },
      ].filter(Boolean);
      const body = {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        title: nullIfEmpty(values.title),
        notes: nullIfEmpty(values.notes),
        emails: values.email.trim()
          ? [{ address: values.email.trim(), label: 'work' }, ...(contact?.emails.slice(1) ?? [])]
          : [],
        phones,
        emailConsent: values.emailConsent,
        consentSource: values.emailConsent ? nullIfEmpty(values.consentSource) : undefined,
        visibility: values.visibility,
        accounts: values.accounts.map((l, index) => ({
          accountId: l.accountId,
          role: nullIfEmpty(l.role),
          isPrimary: index === 0,
        })),
      };
      return pushCheck.run(
        contact ? 'contact.update' : 'contact.create',
        { ...body, contactId: contact?.id, accountIds: body.accounts.map((l) => l.accountId) },
        () => (contact ? updateContact(contact.id, body as ContactBody) : createContact(body as ContactBody)),
      );
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void queryClient.invalidateQueries({ queryKey: keys.contacts });
      void queryClient.invalidateQueries({ queryKey: keys.contact(saved.id) });
      for (const link of saved.accounts)
        void queryClient.invalidateQueries({ queryKey: keys.account(link.accountId) });
      notifySuccess(contact ? t('contacts.updated') : t('contacts.created'));
      onClose();
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
      title={contact ? t('contacts.edit') : t('contacts.new')}
      size="lg"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 500}
    >
      {pushCheck.element}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!values.firstName.trim() && !values.lastName.trim()) {
            setErrors({ lastName: t('form.nameRequired') });
            return;
          }
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('fields.firstName')}
              maxLength={CONTACT_LIMITS.firstName}
              value={values.firstName}
              onChange={set('firstName')}
              error={errors.firstName}
              data-autofocus
            />
            <TextInput
              label={t('fields.lastName')}
              maxLength={CONTACT_LIMITS.lastName}
              value={values.lastName}
              onChange={set('lastName')}
              error={errors.lastName}
            />
            <TextInput
              label={t('fields.title')}
              maxLength={CONTACT_LIMITS.title}
              value={values.title}
              onChange={set('title')}
            />
            <TextInput
              label={t('fields.email')}
              maxLength={CONTACT_LIMITS.email}
              type="email"
              value={values.email}
              onChange={set('email')}
              error={errors['emails.0.address']}
            />
            <TextInput
              label={t('fields.mobile')}
              maxLength={CONTACT_LIMITS.phone}
              type="tel"
              value={values.mobile}
              onChange={set('mobile')}
              error={errors['phones.0.number'] && values.mobile ? errors['phones.0.number'] : undefined}
            />
            <TextInput
              label={t('fields.phone')}
              maxLength={CONTACT_LIMITS.phone}
              type="tel"
              value={values.phone}
              onChange={set('phone')}
              error={
                errors[`phones.${values.mobile ? 1 : 0}.number`] && values.phone
                  ? errors[`phones.${values.mobile ? 1 : 0}.number`]
                  : undefined
              }
            />
          </SimpleGrid>
          <Checkbox
            label={t('fields.emailConsent')}
            checked={values.emailConsent}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setValues((c) => ({ ...c, emailConsent: checked }));
            }}
          />
          {values.emailConsent && (
            <TextInput
              label={t('fields.consentSource')}
              maxLength={CONTACT_LIMITS.consentSource}
              placeholder={t('fields.consentSourcePlaceholder')}
              value={values.consentSource}
              onChange={set('consentSource')}
            />
          )}
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('contacts.accounts')}
            </Text>
            {values.accounts.map((link, index) => (
              <Group key={link.accountId} gap="xs" wrap="nowrap">
                <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
                  {link.accountName}
                </Text>
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  placeholder={t('fields.role')}
                  maxLength={CONTACT_LIMITS.role}
                  aria-label={t('fields.role')}
                  value={link.role}
                  onChange={(e) => {
                    const role = e.currentTarget.value;
                    setValues((c) => ({
                      ...c,
                      accounts: c.accounts.map((l, i) => (i === index ? { ...l, role } : l)),
                    }));
                  }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('common.remove')}
                  onClick={() =>
                    setValues((c) => ({ ...c, accounts: c.accounts.filter((_, i) => i !== index) }))
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Select
              searchable
              placeholder={t('contacts.linkAccount')}
              aria-label={t('contacts.linkAccount')}
              data={options}
              value={null}
              leftSection={<IconPlus size={14} />}
              onSearchChange={searchAccounts}
              filter={({ options: all }) => all}
              nothingFoundMessage={t('grants.typeName')}
              onChange={(value) => {
                const option = options.find((o) => o.value === value);
                if (option && !values.accounts.some((l) => l.accountId === option.value))
                  setValues((c) => ({
                    ...c,
                    accounts: [
                      ...c.accounts,
                      { accountId: option.value, accountName: option.label, role: '' },
                    ],
                  }));
              }}
            />
            {errors.accountId && (
              <Text c="red" size="xs">
                {errors.accountId}
              </Text>
            )}
          </Stack>
          <Select
            label={t('fields.visibility')}
            data={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
            value={values.visibility}
            onChange={(v) => setValues((c) => ({ ...c, visibility: v ?? 'team' }))}
            allowDeselect={false}
          />
          <Textarea
            label={t('fields.notes')}
            maxLength={CONTACT_LIMITS.notes}
            autosize
            minRows={2}
            value={values.notes}
            onChange={set('notes')}
          />
          <Group justify="flex-end">
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

import { Alert, Button, Card, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { notifySuccess } from '../../../app/notify';
import { sendToClient, useSendContacts, useSendPreview, type SendWarning } from '../queries';
import { Html } from './Html';

/** Warnings that stop the mail: the server would refuse it anyway. */
const BLOCKING: SendWarning[] = ['no_consent', 'no_email'];

/**
 * "Send to client" (KB-6): one recipient picker (type a name or an address), an editable subject,
 * the message, and a preview of the very mail that leaves — built by the server — with a warning
 * when the item is not published (draft, stale…) or the contact cannot receive it.
 */
export function SendDialog({
  item,
  opened,
  onClose,
}: {
  item: { id: string; title: string };
  opened: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [search, setSearch] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const [subject, setSubject] = useState(item.title);
  const [message, setMessage] = useState(() => t('knowledge:send.defaultMessage'));
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [debouncedSubject] = useDebouncedValue(subject, 400);
  const [debouncedMessage] = useDebouncedValue(message, 400);

  const contacts = useSendContacts(debouncedSearch, opened);
  const options = (contacts.data?.items ?? []).map((c) => {
    const address = c.emails[0]?.address;
    const note = !address
      ? t('knowledge:send.noEmailOption')
      : !c.emailConsent
        ? t('knowledge:send.noConsentOption')
        : address;
    return { value: c.id, label: `${c.displayName} — ${note}`, disabled: !address || !c.emailConsent };
  });
  const preview = useSendPreview(item.id, opened, {
    contactId,
    subject: debouncedSubject,
    message: debouncedMessage,
  });
  const send = useMutation({
    mutationFn: () =>
      sendToClient(item.id, {
        contactId: contactId ?? '',
        subject: subject.trim() || undefined,
        message,
      }),
    onSuccess: (result) => {
      notifySuccess(t('knowledge:send.done', { to: result.to }));
      onClose();
    },
  });
  const warnings = preview.data?.warnings ?? [];
  const blocked = warnings.some((w) => BLOCKING.includes(w));

  return (
    <Modal opened={opened} onClose={onClose} title={t('knowledge:send.title')} size="xl" fullScreen={phone}>
      <Stack gap="sm">
        <Select
          label={t('knowledge:send.contact')}
          placeholder={t('knowledge:send.contactPlaceholder')}
          data-testid="send-contact"
          searchable
          clearable
          data={options}
          value={contactId}
          onChange={setContactId}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          nothingFoundMessage={t('knowledge:send.noContact')}
          maxDropdownHeight={260}
        />
        <TextInput
          label={t('knowledge:send.subject')}
          value={subject}
          maxLength={200}
          onChange={(event) => setSubject(event.currentTarget.value)}
          data-testid="send-subject"
        />
        <Textarea
          label={t('knowledge:send.message')}
          autosize
          minRows={4}
          maxRows={10}
          maxLength={10_000}
          value={message}
          onChange={(event) => setMessage(event.currentTarget.value)}
          data-testid="send-message"
        />
        {warnings.map((warning) => (
          <Alert
            key={warning}
            color={BLOCKING.includes(warning) ? 'red' : 'orange'}
            data-testid={`send-warning-${warning}`}
          >
            {t(`knowledge:send.warning.${warning}`)}
          </Alert>
        ))}
        <Card withBorder padding="sm" data-testid="send-preview">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('knowledge:send.preview')}
          </Text>
          {preview.data && (
            <Stack gap={4} mt={4}>
              <Text size="sm">
                {preview.data.to
                  ? t('knowledge:send.to', { to: preview.data.to })
                  : t('knowledge:send.noRecipient')}
              </Text>
              <Text size="sm" fw={600}>
                {t('knowledge:send.subjectLine', { subject: preview.data.subject })}
              </Text>
              {preview.data.attachments.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('knowledge:send.attachments', { files: preview.data.attachments.join(', ') })}
                </Text>
              )}
              <Html html={preview.data.html} />
            </Stack>
          )}
        </Card>
        {send.error && <Alert color="red">{errorMessage(send.error, i18n)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('knowledge:send.cancel')}
          </Button>
          <Button
            disabled={!contactId || !message.trim() || blocked}
            loading={send.isPending}
            onClick={() => send.mutate()}
          >
            {warnings.length && !blocked ? t('knowledge:send.submitAnyway') : t('knowledge:send.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

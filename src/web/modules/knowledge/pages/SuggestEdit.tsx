import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../app/error-message';
import { notifyError, notifySuccess } from '../../../app/notify';
import { suggestEdit } from '../queries';

/**
 * KB-7: a reader who may not edit an item proposes a new text to its owner, who accepts it (a new
 * version, reviewed like any change) or declines it from the feedback card.
 */
export function SuggestEdit({ id, body, onSent }: { id: string; body: string; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(body);
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () => suggestEdit(id, { body: text, note: note.trim() || undefined }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      notifySuccess(t('knowledge:feedback.suggestionSent'));
      setOpen(false);
      setNote('');
      onSent();
    },
    onError: (error) => {
      if (Object.keys(fieldErrors(error, i18n)).length === 0) notifyError(error);
    },
  });
  if (!open)
    return (
      <Button
        size="xs"
        mt="xs"
        variant="default"
        leftSection={<IconPencil size={14} />}
        onClick={() => {
          setText(body);
          setOpen(true);
        }}
      >
        {t('knowledge:feedback.suggest')}
      </Button>
    );
  const errors = fieldErrors(send.error, i18n);
  return (
    <Stack gap="xs" mt="sm">
      <Textarea
        label={t('knowledge:feedback.suggestBody')}
        autosize
        minRows={4}
        maxRows={14}
        maxLength={200_000}
        value={text}
        error={errors.body}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <TextInput
        label={t('knowledge:feedback.suggestNote')}
        maxLength={500}
        value={note}
        error={errors.note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Group gap="xs">
        <Button size="xs" loading={send.isPending} disabled={text === body} onClick={() => send.mutate()}>
          {t('knowledge:feedback.suggestSend')}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
          {t('knowledge:feedback.suggestCancel')}
        </Button>
      </Group>
    </Stack>
  );
}

import { Checkbox, SimpleGrid, Stack, TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../queries';

export type FollowUpState = { enabled: boolean; subject: string; dueDate: string };

/** The default follow-up: due in two working days. */
export function initialFollowUp(): FollowUpState {
  let due = dayjs().add(2, 'day');
  while (due.day() === 0 || due.day() === 6) due = due.add(1, 'day');
  return { enabled: false, subject: '', dueDate: due.format('YYYY-MM-DD') };
}

/** What the API takes, or nothing when the box is not ticked; an empty subject lets the server take the next steps. */
export const followUpOf = (state: FollowUpState): FollowUp | undefined =>
  state.enabled
    ? { dueDate: state.dueDate, ...(state.subject.trim() ? { subject: state.subject.trim() } : {}) }
    : undefined;

/**
 * "Create the follow-up task" under a report's next steps (CRM-5): ticked, the next step
 * becomes a task on the same account, due when the rep says.
 */
export function FollowUpFields({
  value,
  onChange,
  nextSteps,
}: {
  value: FollowUpState;
  onChange: (value: FollowUpState) => void;
  nextSteps: string;
}) {
  const { t } = useTranslation('sales');
  const firstStep = nextSteps.trim().split('\n')[0]?.trim() ?? '';
  return (
    <Stack gap="xs">
      <Checkbox
        label={t('followUp.create')}
        checked={value.enabled}
        onChange={(event) => {
          const enabled = event.currentTarget.checked;
          onChange({ ...value, enabled });
        }}
      />
      {value.enabled && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('followUp.subject')}
            placeholder={firstStep || t('followUp.subjectPlaceholder')}
            maxLength={200}
            value={value.subject}
            onChange={(event) => {
              const subject = event.currentTarget.value;
              onChange({ ...value, subject });
            }}
          />
          <TextInput
            type="date"
            label={t('followUp.dueDate')}
            required
            value={value.dueDate}
            onChange={(event) => {
              const dueDate = event.currentTarget.value;
              onChange({ ...value, dueDate });
            }}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}

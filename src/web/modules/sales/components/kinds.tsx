import { Badge, type BadgeProps } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ActivityKind, Outcome } from '../queries';

export const KIND_ICONS = {
  call: IconPhone,
  visit: IconCalendarEvent,
  email: IconMail,
  note: IconNote,
  task: IconChecklist,
} as const;
const KIND_COLORS = { call: 'blue', visit: 'teal', email: 'grape', note: 'gray', task: 'orange' } as const;

export function KindBadge({ kind, ...props }: { kind: ActivityKind } & BadgeProps) {
  const { t } = useTranslation('sales');
  const Icon = KIND_ICONS[kind];
  return (
    <Badge variant="light" color={KIND_COLORS[kind]} leftSection={<Icon size={12} />} {...props}>
      {t(`kinds.${kind}`)}
    </Badge>
  );
}

/** "Planned" for a visit or call still to be logged, "Done" once logged. */
export function PlannedBadge({ planned, ...props }: { planned: boolean } & BadgeProps) {
  const { t } = useTranslation('sales');
  return (
    <Badge variant={planned ? 'outline' : 'light'} color={planned ? 'blue' : 'gray'} size="sm" {...props}>
      {planned ? t('agenda.planned') : t('agenda.done')}
    </Badge>
  );
}

export function OutcomeBadge({ outcome, label }: { outcome: Outcome; label: string }) {
  return (
    <Badge
      variant={outcome === 'open' ? 'outline' : 'filled'}
      color={outcome === 'won' ? 'teal' : outcome === 'lost' ? 'red' : 'blue'}
    >
      {label}
    </Badge>
  );
}

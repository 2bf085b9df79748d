import { Badge } from '@mantine/core';
import { IconLock, IconUsers, IconWorld, IconUserShield } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Visibility } from './queries';

const STYLE: Record<Visibility, { color: string; icon: typeof IconLock }> = {
  public: { color: 'teal', icon: IconWorld },
  team: { color: 'gray', icon: IconUsers },
  restricted: { color: 'orange', icon: IconUserShield },
  secret: { color: 'red', icon: IconLock },
};

/** Confidentiality level of a record (ID-3). */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation('accounts');
  const { color, icon: Icon } = STYLE[visibility];
  return (
    <Badge size="sm" variant="light" color={color} leftSection={<Icon size={12} />}>
      {t(`visibility.${visibility}`)}
    </Badge>
  );
}

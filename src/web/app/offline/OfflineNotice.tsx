import { Alert } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../format';
import { offlineFetchedAt, subscribeOfflineAges } from './data-age';
import { useOnline } from './network';

/**
 * "Offline — data from 3 Dec 2026 09:12 (25 minutes ago)" above a page readable without a network
 * (UX-2): shown when its answers came from the phone's copy, or when the phone is offline (then the
 * age is when the page's data was last fetched). `paths`: the API paths the page shows.
 */
export function OfflineNotice({ paths, updatedAt }: { paths: string[]; updatedAt: number }) {
  const { t } = useTranslation('shell');
  const online = useOnline();
  const key = paths.join(' ');
  const kept = useSyncExternalStore(subscribeOfflineAges, () => offlineFetchedAt(key.split(' ')));
  // The age reads "5 minutes ago": keep it true while the page stays open.
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const at = kept ?? (!online && updatedAt ? new Date(updatedAt).toISOString() : null);
  if (!at) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconWifiOff size={18} />}
      role="status"
      data-testid="offline-notice"
    >
      {t('offline.dataFrom', { date: formatDateTime(at), ago: formatRelative(at) })}
    </Alert>
  );
}

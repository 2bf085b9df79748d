import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../app/notify';
import { keys } from '../queries';
import { sendOutbox } from './outbox';

const EVERY = 30_000;

/** Sends the captures kept offline when the app starts, when the network returns, and every 30 s. */
export function OutboxSync({ userId }: { userId: string }) {
  const { t } = useTranslation('sales');
  const client = useQueryClient();
  useEffect(() => {
    const send = async () => {
      if (!navigator.onLine) return;
      const sent = await sendOutbox(userId).catch(() => 0);
      if (!sent) return;
      notifySuccess(t('offline.sent', { count: sent }));
      void client.invalidateQueries({ queryKey: keys.activities });
      void client.invalidateQueries({ queryKey: keys.agenda });
      void client.invalidateQueries({ queryKey: keys.dashboards });
    };
    void send();
    window.addEventListener('online', send);
    const timer = setInterval(send, EVERY);
    return () => {
      window.removeEventListener('online', send);
      clearInterval(timer);
    };
  }, [userId, client, t]);
  return null;
}

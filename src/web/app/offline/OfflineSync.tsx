import { useEffect } from 'react';
import { fetchMe } from '../queries';
import { adoptOfflineOwner, sessionKept } from './forget';

/**
 * Keeps the phone's offline copy right for the signed-in user (UX-2): another person's copy is
 * erased, and the session answer is fetched once through the service worker so that the app
 * still knows who is signed in when it opens without a network.
 */
export function OfflineSync({ userId }: { userId: string }) {
  useEffect(() => {
    const keep = async () => {
      await adoptOfflineOwner(userId);
      if (navigator.serviceWorker?.controller && navigator.onLine && !(await sessionKept()))
        await fetchMe().catch(() => undefined);
    };
    void keep();
    navigator.serviceWorker?.addEventListener('controllerchange', keep);
    return () => navigator.serviceWorker?.removeEventListener('controllerchange', keep);
  }, [userId]);
  return null;
}

/**
 * What the phone keeps for offline reading belongs to one person (UX-2): it is erased on
 * sign-out and when the session ends, and when someone else signs in on the same phone.
 */
import { OFFLINE_DATA_CACHE } from '../../service-worker/offline-routes';
import { forgetOfflineAges } from './data-age';
import { clearOutbox } from './outbox-store';

const OWNER = 'relais.offline.owner';

/** Erases the kept API answers and the unsent captures. */
export async function forgetOfflineData() {
  localStorage.removeItem(OWNER);
  forgetOfflineAges();
  await Promise.all([
    typeof caches === 'undefined' ? undefined : caches.delete(OFFLINE_DATA_CACHE),
    clearOutbox().catch(() => undefined),
  ]);
}

/**
 * Called once the signed-in user is known: another person's kept data is erased first.
 * Answers true when it erased something.
 */
export async function adoptOfflineOwner(userId: string): Promise<boolean> {
  const owner = localStorage.getItem(OWNER);
  if (owner && owner !== userId) {
    await forgetOfflineData();
    localStorage.setItem(OWNER, userId);
    return true;
  }
  localStorage.setItem(OWNER, userId);
  return false;
}

/** Whether the session answer is kept for offline reading (else it is fetched once to keep it). */
export async function sessionKept(): Promise<boolean> {
  if (typeof caches === 'undefined') return true;
  return Boolean(await caches.match('/api/v1/me', { cacheName: OFFLINE_DATA_CACHE, ignoreVary: true }));
}

/**
 * Quick capture without a network (UX-2): the activity waits in the phone's outbox
 * (app/offline/outbox-store.ts) with its idempotency key, and is sent when the network returns.
 * The server answers a key it already saw with the activity it created, so a capture whose
 * answer was lost, or that two tabs send at once, still lands exactly once.
 */
import { isApiError } from '../../../app/api/client';
import {
  deleteOutboxEntry,
  outboxEntries,
  putOutboxEntry,
  type OutboxEntry,
} from '../../../app/offline/outbox-store';
import { createActivity, type ActivityBody } from '../queries';

/** Keeps a capture to send later. */
export async function keepForLater(
  userId: string,
  label: string,
  body: ActivityBody & { idempotencyKey: string },
) {
  await putOutboxEntry({
    key: body.idempotencyKey,
    userId,
    label,
    body: body as Record<string, unknown>,
    createdAt: new Date().toISOString(),
  });
}

async function sendAll(userId: string): Promise<number> {
  let sent = 0;
  for (const entry of await outboxEntries(userId)) {
    if (entry.error) continue;
    try {
      await createActivity({ ...(entry.body as ActivityBody), idempotencyKey: entry.key });
    } catch (error) {
      // Still no network, or the session ended: everything waits for the next try.
      if (!isApiError(error) || error.status === 0 || error.status === 401) break;
      await putOutboxEntry({ ...entry, error: error.code ?? 'internal_error' } satisfies OutboxEntry);
      continue;
    }
    await deleteOutboxEntry(entry.key);
    sent += 1;
  }
  return sent;
}

let running: Promise<number> | null = null;

/**
 * Sends what waits, oldest first; answers how many were sent. One sender at a time per page, and
 * per phone where the browser has Web Locks (two tabs coming back online together).
 */
export function sendOutbox(userId: string): Promise<number> {
  running ??= (async () => {
    try {
      return navigator.locks
        ? await navigator.locks.request('relais-outbox', () => sendAll(userId))
        : await sendAll(userId);
    } finally {
      running = null;
    }
  })();
  return running;
}

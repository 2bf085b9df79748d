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
import { completeActivity, createActivity, type ActivityBody, type ActivityCompletion } from '../queries';

/**
 * Keeps a capture to send later: a new activity (`body` of POST /activities, with `key` as its
 * idempotency key), or the report completing a planned visit or call (`completes`: its id).
 */
export async function keepForLater(
  userId: string,
  label: string,
  capture: { key: string; body: ActivityBody | ActivityCompletion; completes?: string },
) {
  await putOutboxEntry({
    key: capture.key,
    userId,
    label,
    completes: capture.completes,
    body: capture.body as Record<string, unknown>,
    createdAt: new Date().toISOString(),
  });
}

/**
 * Sends one capture. A planned visit is completed once by nature: only its author may log it,
 * and once logged it answers `activity.already_done`, the proof that this report (whose answer
 * was lost) or the author's other device got there first.
 */
async function send(entry: OutboxEntry) {
  if (!entry.completes) {
    await createActivity({ ...(entry.body as ActivityBody), idempotencyKey: entry.key });
    return;
  }
  try {
    await completeActivity(entry.completes, entry.body as ActivityCompletion);
  } catch (error) {
    if (!(isApiError(error) && error.code === 'activity.already_done')) throw error;
  }
}

async function sendAll(userId: string): Promise<number> {
  let sent = 0;
  for (const entry of await outboxEntries(userId)) {
    if (entry.error) continue;
    try {
      await send(entry);
    } catch (error) {
      // Still no network, or the session ended: everything waits for the next try.
      if (!isApiError(error) || error.status === 0 || error.status === 401) break;
      await putOutboxEntry({ ...entry, error: error.code ?? 'internal_error' });
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

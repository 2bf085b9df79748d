import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import { emitEvent } from '../../../platform/events.js';
import { findActiveUserLocales, insertNotifications } from './notifications.repository.js';

export const NOTIFICATION_KINDS = ['change', 'broadcast', 'season', 'reminder', 'plan'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type Localized = { fr: string; en: string };

export type NotificationSpec = {
  kind: NotificationKind;
  severity?: 'info' | 'warning' | 'blocking';
  title: Localized;
  body?: Localized;
  url?: string;
  sourceType?: string;
  sourceId?: string;
  /** Unique per user: the same key never makes a second notification. */
  dedupeKey: string;
  requiresAck?: boolean;
  ackDue?: string | null;
  /** Who receives it, each with why ("you have 2 open offers with this product"). */
  recipients: { userId: string; reason?: Localized }[];
};

/**
 * Creates in-app notifications in the caller's (system) transaction, in each recipient's
 * language, announces them on the SSE stream (`notification.created`) and queues delivery
 * on the other channels. Returns the notifications actually created (duplicates skipped).
 */
export async function createNotifications(
  tx: Queryable,
  deps: AppDeps,
  spec: NotificationSpec,
): Promise<{ id: string; userId: string }[]> {
  if (spec.recipients.length === 0) return [];
  const ids = [...new Set(spec.recipients.map((r) => r.userId))];
  const users = await findActiveUserLocales(tx, ids);
  const locale = new Map(users.map((user) => [user.id, user.locale]));
  const reasons = new Map(spec.recipients.map((r) => [r.userId, r.reason]));
  const chosen = users.map((user) => user.id);
  const pick = (text: Localized | undefined, userId: string) =>
    text ? text[locale.get(userId) ?? 'fr'] : null;
  const inserted = await insertNotifications(
    tx,
    {
      kind: spec.kind,
      severity: spec.severity ?? 'info',
      url: spec.url ?? null,
      sourceType: spec.sourceType ?? null,
      sourceId: spec.sourceId ?? null,
      dedupeKey: spec.dedupeKey,
      requiresAck: spec.requiresAck ?? false,
      ackDue: spec.ackDue ?? null,
    },
    chosen.map((id) => ({
      userId: id,
      title: pick(spec.title, id),
      body: pick(spec.body, id),
      reason: pick(reasons.get(id), id),
    })),
  );
  if (inserted.length === 0) return [];
  await emitEvent(tx, {
    type: 'notification.created',
    payload: {
      notificationId: inserted.length === 1 ? inserted[0].id : null,
      kind: spec.kind,
      title: spec.title,
      sourceType: spec.sourceType ?? null,
      sourceId: spec.sourceId ?? null,
    },
    recipients: inserted.map((row) => row.user_id),
  });
  // Large fan-outs give the live (SSE) channel a head start over e-mail and web push.
  const runAt = inserted.length > 50 ? new Date(Date.now() + 1500) : undefined;
  await deps.jobs.enqueue(
    tx,
    'push.deliver',
    { notificationIds: inserted.map((row) => row.id) },
    { singletonKey: `push.deliver:${spec.dedupeKey}:${inserted[0].id}`, runAt },
  );
  return inserted.map((row) => ({ id: row.id, userId: row.user_id }));
}

import type { Queryable } from '../../../db/client.js';

/** A browser's web push subscription. */
export type Subscription = { id: string; endpoint: string; p256dh: string; auth: string };

/** SQL of delivery on other channels (PUSH-6): `notification_deliveries`, `push_subscriptions`. */

export type DeliveryRow = {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  reason: string | null;
  url: string | null;
  email: string;
  locale: 'fr' | 'en';
  severity: string;
};

/** Records a delivery once per channel: false when another run already claimed it. */
export async function claimDelivery(
  tx: Queryable,
  notificationId: string,
  channel: 'email' | 'webpush',
  status: 'sent' | 'failed' | 'skipped',
  detail: string | null,
): Promise<boolean> {
  const rows = await tx.query(
    `insert into notification_deliveries (notification_id, channel, status, detail) values ($1, $2, $3, $4) on conflict do nothing returning 1`,
    [notificationId, channel, status, detail],
  );
  return rows.length > 0;
}

export async function markWebPushFailed(
  tx: Queryable,
  notificationId: string,
  detail: string,
): Promise<void> {
  await tx.query(
    `update notification_deliveries set status = 'failed', detail = $2 where notification_id = $1 and channel = 'webpush'`,
    [notificationId, detail],
  );
}

/** These notifications of active users, with their address and language. */
export async function findDeliverable(tx: Queryable, notificationIds: string[]): Promise<DeliveryRow[]> {
  return tx.query<DeliveryRow>(
    `select n.id, n.user_id, n.kind, n.title, n.body, n.reason, n.url, n.severity, u.email, u.locale
       from notifications n join users u on u.id = n.user_id where n.id = any ($1::uuid[]) and u.active`,
    [notificationIds],
  );
}

/** Notifications of the last three days not yet e-mailed (the digest picks those its users chose). */
export async function findUnmailed(tx: Queryable): Promise<(DeliveryRow & { created_at: string })[]> {
  return tx.query<DeliveryRow & { created_at: string }>(
    `select n.id, n.user_id, n.kind, n.title, n.body, n.reason, n.url, n.severity, n.created_at, u.email, u.locale
       from notifications n join users u on u.id = n.user_id
      where u.active and n.created_at > now() - interval '3 days'
        and not exists (select 1 from notification_deliveries d where d.notification_id = n.id and d.channel = 'email')
      order by n.user_id, n.created_at`,
  );
}

export async function findSubscriptions(
  tx: Queryable,
  userIds: string[],
): Promise<(Subscription & { user_id: string })[]> {
  return tx.query<Subscription & { user_id: string }>(
    `select * from push_subscriptions where user_id = any ($1::uuid[])`,
    [userIds],
  );
}

export async function deleteSubscription(tx: Queryable, id: string): Promise<void> {
  await tx.query(`delete from push_subscriptions where id = $1`, [id]);
}

/** An endpoint belongs to one browser: drops it from other users (system connection). */
export async function releaseEndpoint(tx: Queryable, endpoint: string, userId: string): Promise<void> {
  await tx.query(`delete from push_subscriptions where endpoint = $1 and user_id <> $2`, [endpoint, userId]);
}

export async function upsertSubscription(
  tx: Queryable,
  input: { userId: string; endpoint: string; p256dh: string; auth: string; userAgent: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into push_subscriptions (user_id, endpoint, p256dh, auth, user_agent) values ($1, $2, $3, $4, $5)
     on conflict (endpoint) do update set p256dh = excluded.p256dh, auth = excluded.auth returning id`,
    [input.userId, input.endpoint, input.p256dh, input.auth, input.userAgent],
  );
  return row.id;
}

export async function deleteSubscriptionByEndpoint(tx: Queryable, endpoint: string): Promise<boolean> {
  const rows = await tx.query(`delete from push_subscriptions where endpoint = $1 returning id`, [endpoint]);
  return rows.length > 0;
}

/** The VAPID keys kept in `settings`: written once (the first instance wins), then read. */
export async function keepVapidKeys<T>(tx: Queryable, generated: T): Promise<T> {
  await tx.query(`insert into settings (key, value) values ('push.vapid', $1) on conflict (key) do nothing`, [
    JSON.stringify(generated),
  ]);
  const [row] = await tx.query<{ value: T }>(`select value from settings where key = 'push.vapid'`);
  return row.value;
}

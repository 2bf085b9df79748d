import type { Queryable } from '../../../db/client.js';

/** SQL of notifications (PUSH-5): the `notifications` table and the read receipts it drives. */

export type NotificationRow = {
  id: string;
  user_id: string;
  kind: string;
  severity: string;
  title: string;
  body: string;
  reason: string | null;
  url: string | null;
  source_type: string | null;
  source_id: string | null;
  dedupe_key: string;
  requires_ack: boolean;
  ack_due: string | null;
  created_at: string;
  read_at: string | null;
  acknowledged_at: string | null;
};

export type NotificationFilter = {
  userId: string;
  unread: boolean | null;
  kind: string | null;
  q: string | null;
  since: string | null;
  needsAck: boolean | null;
};

const WHERE = `user_id = $1 and ($2::boolean is null or (read_at is null) = $2) and ($3::text is null or kind = $3)
  and ($4::text is null or title ilike '%' || $4 || '%' or body ilike '%' || $4 || '%')
  and ($5::date is null or created_at >= $5) and ($6::boolean is null or (requires_ack and acknowledged_at is null))`;
const params = (filter: NotificationFilter) => [
  filter.userId,
  filter.unread,
  filter.kind,
  filter.q,
  filter.since,
  filter.needsAck,
];

/** A page of a user's notifications, newest first (one more than `limit`, to tell if more follow). */
export async function findNotifications(
  tx: Queryable,
  filter: NotificationFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const rows = await tx.query<NotificationRow>(
    `select * from notifications where ${WHERE} order by created_at desc, id desc limit ${page.limit + 1} offset ${page.offset}`,
    params(filter),
  );
  const [{ total }] = await tx.query<{ total: number }>(
    `select count(*)::int as total from notifications where ${WHERE}`,
    params(filter),
  );
  return { rows, total };
}

export async function countUnread(tx: Queryable, userId: string): Promise<number> {
  const [{ count }] = await tx.query<{ count: number }>(
    `select count(*)::int as count from notifications where user_id = $1 and read_at is null`,
    [userId],
  );
  return count;
}

export async function markNotificationRead(
  tx: Queryable,
  id: string,
  userId: string,
): Promise<NotificationRow | undefined> {
  const [row] = await tx.query<NotificationRow>(
    `update notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning *`,
    [id, userId],
  );
  return row;
}

/** Marks one notification read at `at` (opening its broadcast counts as reading it). */
export async function markNotificationReadAt(tx: Queryable, id: string, at: string): Promise<void> {
  await tx.query(`update notifications set read_at = coalesce(read_at, $2) where id = $1`, [id, at]);
}

export async function markAllNotificationsRead(tx: Queryable, userId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `update notifications set read_at = now() where user_id = $1 and read_at is null returning id`,
    [userId],
  );
  return rows.map((row) => row.id);
}

/** The broadcast receipts behind these notifications are read too. */
export async function markReceiptsRead(
  tx: Queryable,
  userId: string,
  notificationIds: string[],
): Promise<void> {
  await tx.query(
    `update broadcast_recipients set read_at = coalesce(read_at, now()) where user_id = $1 and notification_id = any ($2::uuid[])`,
    [userId, notificationIds],
  );
}

/** Active users among `ids`, with their language. */
export async function findActiveUserLocales(
  tx: Queryable,
  ids: string[],
): Promise<{ id: string; locale: 'fr' | 'en' }[]> {
  return tx.query<{ id: string; locale: 'fr' | 'en' }>(
    `select id, locale from users where id = any ($1::uuid[]) and active`,
    [ids],
  );
}

/** Inserts one notification per user (texts already in each one's language); duplicates are skipped. */
export async function insertNotifications(
  tx: Queryable,
  spec: {
    kind: string;
    severity: string;
    url: string | null;
    sourceType: string | null;
    sourceId: string | null;
    dedupeKey: string;
    requiresAck: boolean;
    ackDue: string | null;
  },
  users: { userId: string; title: string | null; body: string | null; reason: string | null }[],
): Promise<{ id: string; user_id: string }[]> {
  return tx.query<{ id: string; user_id: string }>(
    `insert into notifications (user_id, kind, severity, title, body, reason, url, source_type, source_id, dedupe_key, requires_ack, ack_due)
     select u, $2, $3, t, coalesce(b, ''), r, $4, $5, $6, $7, $8, $9
       from unnest($1::uuid[], $10::text[], $11::text[], $12::text[]) as x(u, t, b, r)
     on conflict (user_id, dedupe_key) do nothing returning id, user_id`,
    [
      users.map((user) => user.userId),
      spec.kind,
      spec.severity,
      spec.url,
      spec.sourceType,
      spec.sourceId,
      spec.dedupeKey,
      spec.requiresAck,
      spec.ackDue,
      users.map((user) => user.title),
      users.map((user) => user.body),
      users.map((user) => user.reason),
    ],
  );
}

/** My notifications matching `like` (the global search), broadcasts left to their own hits. */
export async function searchMyNotifications(
  tx: Queryable,
  userId: string,
  like: string,
  limit: number,
): Promise<
  { id: string; title: string; url: string | null; reason: string | null; source_type: string | null }[]
> {
  return tx.query(
    `select id, title, url, reason, source_type from notifications where user_id = $1 and coalesce(source_type, '') <> 'broadcast'
        and relais_unaccent(title || ' ' || body) ilike relais_unaccent($2) order by created_at desc limit $3`,
    [userId, like, limit],
  );
}

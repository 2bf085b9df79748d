import type { Queryable } from '../../../db/client.js';
import type { Audience } from './broadcasts.schemas.js';

/**
 * SQL of broadcasts (PUSH-4): `broadcasts`, `broadcast_runs`, `broadcast_recipients`, and the
 * notifications a receipt mirrors; reads `users` and `teams` for audiences and receipts.
 */

/** A broadcast as stored. */
export type BroadcastRow = {
  id: string;
  title: string;
  body_md: string;
  lang: 'fr' | 'en';
  audience: Audience;
  requires_ack: boolean;
  ack_due: string | null;
  schedule_kind: 'now' | 'at' | 'season';
  starts_at: string | null;
  season_from: string | null;
  season_to: string | null;
  knowledge_ids: string[];
  active: boolean;
  author_id: string | null;
  created_at: string;
};

/** A broadcast as a reader is shown it: its author, figures and the reader's own receipt. */
export type BroadcastViewRow = BroadcastRow & {
  author_name: string | null;
  recipients: number;
  read: number;
  acked: number;
  runs: number;
  my_receipt: { readAt?: string | null; ackedAt?: string | null; periodKey: string } | null;
};

export type ReceiptRow = {
  broadcast_id: string;
  period_key: string;
  user_id: string;
  notification_id: string | null;
  read_at: string | null;
  acked_at: string | null;
  reminded_at: string | null;
  reminder_count: number;
  name: string;
  team_name: string | null;
};

/** The values written for a new broadcast, in column order (see `insertBroadcast`). */
export type BroadcastColumns = [
  title: string,
  bodyMd: string,
  lang: string,
  audience: string,
  requiresAck: boolean,
  ackDue: string | null,
  scheduleKind: string,
  startsAt: string | null,
  seasonFrom: string | null,
  seasonTo: string | null,
  knowledgeIds: string[],
  authorId: string,
];

/** $1 is the reader (for their receipt); filters follow from $2. */
const SELECT_VIEW = `select b.*, trim(u.first_name || ' ' || u.last_name) as author_name,
    (select count(*)::int from broadcast_recipients r where r.broadcast_id = b.id) as recipients,
    (select count(*)::int from broadcast_recipients r where r.broadcast_id = b.id and r.read_at is not null) as read,
    (select count(*)::int from broadcast_recipients r where r.broadcast_id = b.id and r.acked_at is not null) as acked,
    (select count(*)::int from broadcast_runs r where r.broadcast_id = b.id) as runs,
    (select jsonb_build_object('readAt', r.read_at, 'ackedAt', r.acked_at, 'periodKey', r.period_key) from broadcast_recipients r
      where r.broadcast_id = b.id and r.user_id = $1 order by r.period_key desc limit 1) as my_receipt
  from broadcasts b left join users u on u.id = b.author_id`;

const LIST_WHERE = `where ($2::text is null or b.title ilike '%' || $2 || '%')
          and ($3::boolean is null or exists (select 1 from broadcast_recipients r where r.broadcast_id = b.id and r.user_id = $1 and r.acked_at is null and b.requires_ack))`;

export type BroadcastFilters = { q: string | null; pendingAck: true | null };

export async function findBroadcastView(
  tx: Queryable,
  readerId: string,
  id: string,
): Promise<BroadcastViewRow | undefined> {
  const [row] = await tx.query<BroadcastViewRow>(`${SELECT_VIEW} where b.id = $2`, [readerId, id]);
  return row;
}

/** One page of broadcasts, newest first (`limit` rows from `offset`) matching the filters. */
export async function findBroadcastViews(
  tx: Queryable,
  readerId: string,
  filters: BroadcastFilters,
  limit: number,
  offset: number,
): Promise<BroadcastViewRow[]> {
  return tx.query<BroadcastViewRow>(
    `${SELECT_VIEW} ${LIST_WHERE} order by b.created_at desc, b.id limit ${limit} offset ${offset}`,
    [readerId, filters.q, filters.pendingAck],
  );
}

export async function countBroadcasts(
  tx: Queryable,
  readerId: string,
  filters: BroadcastFilters,
): Promise<number> {
  const [{ total }] = await tx.query<{ total: number }>(
    `select count(*)::int as total from broadcasts b ${LIST_WHERE}`,
    [readerId, filters.q, filters.pendingAck],
  );
  return total;
}

export async function insertBroadcast(tx: Queryable, columns: BroadcastColumns): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into broadcasts (title, body_md, lang, audience, requires_ack, ack_due, schedule_kind, starts_at, season_from, season_to, knowledge_ids, author_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    columns,
  );
  return row.id;
}

/** Stops or resumes a broadcast; false when row-level security leaves the caller no such row to change. */
export async function updateBroadcastActive(tx: Queryable, id: string, active: boolean): Promise<boolean> {
  return (
    (await tx.query(`update broadcasts set active = $2 where id = $1 returning id`, [id, active])).length > 0
  );
}

/** Marks a receipt read (once); returns its notification and when it was read. */
export async function markReceiptRead(
  tx: Queryable,
  broadcastId: string,
  userId: string,
  periodKey: string,
): Promise<{ notification_id: string | null; read_at: string } | undefined> {
  const [receipt] = await tx.query<{ notification_id: string | null; read_at: string }>(
    `update broadcast_recipients set read_at = coalesce(read_at, now()) where broadcast_id = $1 and user_id = $2 and period_key = $3 returning notification_id, read_at`,
    [broadcastId, userId, periodKey],
  );
  return receipt;
}

/** Marks a receipt acknowledged and read (once); returns when it was acknowledged and its notification. */
export async function markReceiptAcked(
  tx: Queryable,
  broadcastId: string,
  userId: string,
  periodKey: string,
): Promise<{ acked_at: string; notification_id: string | null }> {
  const [row] = await tx.query<{ acked_at: string; notification_id: string | null }>(
    `update broadcast_recipients set acked_at = coalesce(acked_at, now()), read_at = coalesce(read_at, now())
            where broadcast_id = $1 and user_id = $2 and period_key = $3 returning acked_at, notification_id`,
    [broadcastId, userId, periodKey],
  );
  return row;
}

export async function markNotificationRead(
  tx: Queryable,
  notificationId: string,
  readAt: string,
): Promise<void> {
  await tx.query(`update notifications set read_at = coalesce(read_at, $2) where id = $1`, [
    notificationId,
    readAt,
  ]);
}

export async function markNotificationAcked(
  tx: Queryable,
  notificationId: string,
  ackedAt: string,
): Promise<void> {
  await tx.query(
    `update notifications set acknowledged_at = coalesce(acknowledged_at, $2), read_at = coalesce(read_at, $2) where id = $1`,
    [notificationId, ackedAt],
  );
}

/** Everyone a broadcast reached, with their name and team, by name. */
export async function findReceipts(tx: Queryable, broadcastId: string): Promise<ReceiptRow[]> {
  return tx.query<ReceiptRow>(
    `select r.*, trim(u.first_name || ' ' || u.last_name) as name, t.name as team_name from broadcast_recipients r
             join users u on u.id = r.user_id left join teams t on t.id = u.team_id where r.broadcast_id = $1 order by u.last_name, u.first_name`,
    [broadcastId],
  );
}

/**
 * Active users in any of `teamIds` or their sub-teams, of one of `roles`, and (when
 * `byOwners`) among `ownerIds`; an empty list does not filter.
 */
export async function findAudienceUserIds(
  tx: Queryable,
  teamIds: string[],
  roles: string[],
  ownerIds: string[],
  byOwners: boolean,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `with recursive subtree as (
        select id from teams where id = any ($1::uuid[])
        union select t.id from teams t join subtree s on t.parent_id = s.id)
     select u.id from users u
      where u.active
        and (cardinality($1::uuid[]) = 0 or u.team_id in (select id from subtree))
        and (cardinality($2::text[]) = 0 or u.role = any ($2::text[]))
        and (not $4 or u.id = any ($3::uuid[]))
      order by u.id`,
    [teamIds, roles, ownerIds, byOwners],
  );
  return rows.map((row) => row.id);
}

/** These teams and every team below them. */
export async function findTeamSubtreeIds(tx: Queryable, teamIds: string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `with recursive scope as (select id from teams where id = any ($1::uuid[]) union select t.id from teams t join scope s on t.parent_id = s.id)
     select id from scope`,
    [teamIds],
  );
  return rows.map((row) => row.id);
}

/** The teams among `ids` that exist (the caller may see), with their parent. */
export async function findTeams(
  tx: Queryable,
  ids: string[],
): Promise<{ id: string; parent_id: string | null }[]> {
  return tx.query<{ id: string; parent_id: string | null }>(
    `select id, parent_id from teams where id = any ($1::uuid[])`,
    [ids],
  );
}

export async function findBroadcast(tx: Queryable, id: string): Promise<BroadcastRow | undefined> {
  const [row] = await tx.query<BroadcastRow>(`select * from broadcasts where id = $1`, [id]);
  return row;
}

/** Records that a period of a broadcast runs; false when it already ran (so it is sent once). */
export async function insertRun(tx: Queryable, broadcastId: string, periodKey: string): Promise<boolean> {
  const run = await tx.query(
    `insert into broadcast_runs (broadcast_id, period_key) values ($1, $2) on conflict do nothing returning 1`,
    [broadcastId, periodKey],
  );
  return run.length > 0;
}

/** One receipt per recipient of a period, pointing at the notification they were sent. */
export async function insertRecipients(
  tx: Queryable,
  broadcastId: string,
  periodKey: string,
  sent: { userId: string; id: string }[],
): Promise<void> {
  await tx.query(
    `insert into broadcast_recipients (broadcast_id, period_key, user_id, notification_id)
     select $1, $2, u, n from unnest($3::uuid[], $4::uuid[]) as x(u, n) on conflict do nothing`,
    [broadcastId, periodKey, sent.map((c) => c.userId), sent.map((c) => c.id)],
  );
}

export async function updateRunRecipientCount(
  tx: Queryable,
  broadcastId: string,
  periodKey: string,
  count: number,
): Promise<void> {
  await tx.query(
    `update broadcast_runs set recipient_count = $3 where broadcast_id = $1 and period_key = $2`,
    [broadcastId, periodKey, count],
  );
}

/** Active dated broadcasts due at `now` and not yet run, and active seasonal ones already started. */
export async function findDueBroadcasts(tx: Queryable, now: Date): Promise<BroadcastRow[]> {
  return tx.query<BroadcastRow>(
    `select * from broadcasts b where active and schedule_kind in ('at', 'season') and (starts_at is null or starts_at <= $1)
        and not exists (select 1 from broadcast_runs r where r.broadcast_id = b.id and b.schedule_kind = 'at')`,
    [now],
  );
}

export type PendingAckRow = {
  broadcast_id: string;
  period_key: string;
  user_id: string;
  title: string;
  ack_due: string | null;
  reminder_count: number;
};

/** Receipts of active broadcasts still waiting for an acknowledgment, not reminded in the last 20 hours. */
export async function findPendingAcks(tx: Queryable, now: Date): Promise<PendingAckRow[]> {
  return tx.query<PendingAckRow>(
    `select r.broadcast_id, r.period_key, r.user_id, b.title, b.ack_due, r.reminder_count
       from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id
      where b.requires_ack and b.active and r.acked_at is null and (r.reminded_at is null or r.reminded_at < $1::timestamptz - interval '20 hours')`,
    [now],
  );
}

export async function markReminded(
  tx: Queryable,
  receipt: { broadcast_id: string; period_key: string; user_id: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `update broadcast_recipients set reminded_at = $4, reminder_count = reminder_count + 1 where broadcast_id = $1 and period_key = $2 and user_id = $3`,
    [receipt.broadcast_id, receipt.period_key, receipt.user_id, now],
  );
}

/** Broadcasts the caller may see whose title or body matches `like` (the global search). */
export async function searchBroadcasts(
  tx: Queryable,
  like: string,
  limit: number,
): Promise<{ id: string; title: string; created_at: string }[]> {
  return tx.query<{ id: string; title: string; created_at: string }>(
    `select id, title, created_at from broadcasts where relais_unaccent(title || ' ' || body_md) ilike relais_unaccent($1) order by created_at desc limit $2`,
    [like, limit],
  );
}

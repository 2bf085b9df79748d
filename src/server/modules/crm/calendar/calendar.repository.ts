import type { Database, Queryable } from '../../../db/client.js';

/** Creates the user's feed, or replaces its token (the old URL stops working). */
export async function upsertFeed(tx: Queryable, userId: string, tokenHash: string): Promise<void> {
  await tx.query(
    `insert into calendar_feeds (user_id, token_hash) values ($1, $2) on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()`,
    [userId, tokenHash],
  );
}

export async function findFeedCreatedAt(tx: Queryable, userId: string): Promise<string | null | undefined> {
  const rows = await tx.query<{ created_at: string }>(
    `select created_at from calendar_feeds where user_id = $1`,
    [userId],
  );
  return rows[0]?.created_at;
}

export async function deleteFeed(tx: Queryable, userId: string): Promise<void> {
  await tx.query(`delete from calendar_feeds where user_id = $1`, [userId]);
}

/** The user a feed token belongs to (read outside any user's session: the token is the credential). */
export async function findFeedOwner(db: Database, tokenHash: string): Promise<string | null> {
  const [feed] = await db.query<{ user_id: string }>(
    `select user_id from calendar_feeds where token_hash = $1`,
    [tokenHash],
  );
  return feed?.user_id ?? null;
}

export type FeedActivityRow = {
  id: string;
  kind: 'visit' | 'task';
  subject: string;
  body_md: string | null;
  report: { objectives?: string; nextSteps?: string } | null;
  occurred_at: string;
  duration_minutes: number | null;
  due_date: string | null;
  done_at: string | null;
  account_name: string | null;
  city: string | null;
};

/** The user's visits of the last 90 days and on, and their dated tasks of the last 60 days and on. */
export async function findFeedActivities(tx: Queryable, userId: string): Promise<FeedActivityRow[]> {
  return tx.query<FeedActivityRow>(
    `select x.id, x.kind, x.subject, x.body_md, x.report, x.occurred_at, x.duration_minutes, x.due_date, x.done_at, a.name as account_name, a.city
       from activities x left join accounts a on a.id = x.account_id
      where x.owner_id = $1 and ((x.kind = 'visit' and x.occurred_at > now() - interval '90 days')
         or (x.kind = 'task' and x.due_date is not null and x.due_date > current_date - 60))
      order by coalesce(x.due_date::timestamptz, x.occurred_at) limit 2000`,
    [userId],
  );
}

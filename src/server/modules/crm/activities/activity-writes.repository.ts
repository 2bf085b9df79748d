import type { Queryable } from '../../../db/client.js';
import { TIME_ZONE } from '../dashboards/outcomes.repository.js';

/** The ids among `contactIds` that the reader sees. */
export async function visibleContactIds(tx: Queryable, contactIds: string[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>(`select id from contacts where id = any ($1::uuid[])`, [
    contactIds,
  ]);
  return new Set(rows.map((row) => row.id));
}

/** The account of an offer the reader sees; null when unknown or not visible. */
export async function findOfferAccount(
  tx: Queryable,
  offerId: string,
): Promise<{ accountId: string } | null> {
  const rows = await tx.query<{ account_id: string }>(`select account_id from offers where id = $1`, [
    offerId,
  ]);
  return rows[0] ? { accountId: rows[0].account_id } : null;
}

export type ActivityValues = {
  kind: string;
  subject: string;
  bodyMd: string;
  report: unknown;
  occurredAt: string | null;
  durationMinutes: number | null;
  dueDate: string | null;
  accountId: string | null;
  offerId: string | null;
  ownerId: string;
  teamId: string | null;
  visibility: string;
  followUpOf: string | null;
};

/**
 * Inserts an activity. Tasks are done when ticked; anything else is done once its time has come
 * (planned before). With an idempotency key this owner already used, inserts nothing and answers
 * null (`on conflict do nothing` waits for a concurrent insert of the same key to commit).
 */
export async function insertActivity(
  tx: Queryable,
  values: ActivityValues & { idempotencyKey?: string | null },
): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `insert into activities (kind, subject, body_md, report, occurred_at, duration_minutes, due_date, account_id, offer_id, owner_id, team_id, visibility, follow_up_of, done_at, idempotency_key)
     select $1, $2, $3, $4, at, $6, $7, $8, $9, $10, $11, $12, $13, case when $1 <> 'task' and at <= now() then at end, $14
       from (select coalesce($5::timestamptz, now()) as at) t
     on conflict (owner_id, idempotency_key) where idempotency_key is not null do nothing
     returning id`,
    [
      values.kind,
      values.subject,
      values.bodyMd,
      values.report,
      values.occurredAt,
      values.durationMinutes,
      values.dueDate,
      values.accountId,
      values.offerId,
      values.ownerId,
      values.teamId,
      values.visibility,
      values.followUpOf,
      values.idempotencyKey ?? null,
    ],
  );
  return row?.id ?? null;
}

/** The activity this owner already created with this idempotency key, if any. */
export async function findByIdempotencyKey(tx: Queryable, ownerId: string, key: string) {
  const [row] = await tx.query<{ id: string }>(
    `select id from activities where owner_id = $1 and idempotency_key = $2`,
    [ownerId, key],
  );
  return row?.id ?? null;
}

/** Marks a planned visit or call done, with what the report brings (null keeps the current value). */
export async function completeActivityRow(
  tx: Queryable,
  id: string,
  input: {
    occurredAt: string | null;
    subject: string | null;
    bodyMd: string | null;
    report: unknown;
    durationMinutes: number | null;
  },
) {
  await tx.query(
    `update activities set done_at = now(), occurred_at = coalesce($2::timestamptz, occurred_at), subject = coalesce($3, subject), body_md = coalesce($4, body_md),
            report = coalesce($5, report), duration_minutes = coalesce($6, duration_minutes), updated_at = now() where id = $1`,
    [id, input.occurredAt, input.subject, input.bodyMd, input.report, input.durationMinutes],
  );
}

const ACTIVITY_COLUMNS = {
  subject: 'subject',
  bodyMd: 'body_md',
  report: 'report',
  occurredAt: 'occurred_at',
  durationMinutes: 'duration_minutes',
  dueDate: 'due_date',
  offerId: 'offer_id',
  visibility: 'visibility',
} as const;
export type ActivityField = keyof typeof ACTIVITY_COLUMNS;

/** Writes the given fields (undefined ones are left alone); nothing when none is given. */
export async function updateActivityFields(
  tx: Queryable,
  id: string,
  patch: Partial<Record<ActivityField, unknown>>,
) {
  const params: unknown[] = [id];
  const sets: string[] = [];
  for (const [key, column] of Object.entries(ACTIVITY_COLUMNS)) {
    const value = patch[key as ActivityField];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length)
    await tx.query(`update activities set ${sets.join(', ')}, updated_at = now() where id = $1`, params);
}

/** Ticks a task (keeping when it was first ticked) or unticks it. */
export async function setTaskDone(tx: Queryable, id: string, done: boolean) {
  await tx.query(
    `update activities set done_at = ${done ? 'coalesce(done_at, now())' : 'null'}, updated_at = now() where id = $1`,
    [id],
  );
}

/** Deletes an activity and the documents attached to it. */
export async function deleteActivityRow(tx: Queryable, id: string) {
  await tx.query(`delete from documents where parent_type = 'activity' and parent_id = $1`, [id]);
  await tx.query(`delete from activities where id = $1`, [id]);
}

/** Midnight of two local dates as instants: the day starts at midnight in Paris, not in UTC. */
export async function localDayBounds(tx: Queryable, start: string, end: string) {
  const [bounds] = await tx.query<{ from: string; to: string }>(
    `select ($1::date::timestamp at time zone '${TIME_ZONE}') as from, ($2::date::timestamp at time zone '${TIME_ZONE}') as to`,
    [start, end],
  );
  return bounds;
}

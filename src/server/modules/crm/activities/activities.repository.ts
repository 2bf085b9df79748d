import { noted } from '../../../platform/secret-reads.js';
import type { Queryable } from '../../../db/client.js';
import {
  cappedCountSql,
  cappedTotal,
  decodeKeysetCursor,
  keysetAfter,
  keysetOf,
  toKeysetPage,
  type KeysetRow,
} from '../../../platform/list-query.js';
import type { Activity, ActivityFilters } from './activities.schemas.js';

const activitySelect = (extra = '') => `
  select x.*${extra}, a.name as account_name, o.title as offer_title, trim(u.first_name || ' ' || u.last_name) as owner_name,
         coalesce((select json_agg(json_build_object('id', c.id, 'name', trim(c.first_name || ' ' || c.last_name)) order by c.last_name)
                     from activity_contacts ac join contacts c on c.id = ac.contact_id where ac.activity_id = x.id), '[]'::json) as contacts,
         (select f.id from activities f where f.follow_up_of = x.id order by f.created_at limit 1) as follow_up_task_id
    from activities x
    left join accounts a on a.id = x.account_id
    left join offers o on o.id = x.offer_id
    join users u on u.id = x.owner_id`;
export const ACTIVITY_SELECT = activitySelect();

/** What ACTIVITY_SELECT reads: the `activities` columns and the names joined to them. */
type ActivityRow = {
  id: string;
  kind: Activity['kind'];
  subject: string;
  body_md: string;
  report: { objectives?: string; outcome?: string; nextSteps?: string } | null;
  occurred_at: string;
  duration_minutes: number | null;
  due_date: string | null;
  done_at: string | null;
  account_id: string | null;
  account_name: string | null;
  offer_id: string | null;
  offer_title: string | null;
  /** json_agg comes back parsed or as text, depending on the driver. */
  contacts: Activity['contacts'] | string | null;
  owner_id: string;
  owner_name: string;
  team_id: string | null;
  visibility: string;
  follow_up_of: string | null;
  follow_up_task_id: string | null;
  created_at: string;
  updated_at: string;
};

export const toActivity = (row: ActivityRow): Activity =>
  noted('activity', {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    bodyMd: row.body_md,
    report: row.report
      ? {
          objectives: row.report.objectives ?? '',
          outcome: row.report.outcome ?? '',
          nextSteps: row.report.nextSteps ?? '',
        }
      : null,
    occurredAt: row.occurred_at,
    durationMinutes: row.duration_minutes,
    dueDate: row.due_date,
    doneAt: row.done_at,
    accountId: row.account_id,
    accountName: row.account_name ?? null,
    offerId: row.offer_id,
    offerTitle: row.offer_title ?? null,
    contacts:
      typeof row.contacts === 'string'
        ? (JSON.parse(row.contacts) as Activity['contacts'])
        : (row.contacts ?? []),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    teamId: row.team_id,
    visibility: row.visibility,
    followUpOf: row.follow_up_of ?? null,
    followUpTaskId: row.follow_up_task_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

const SORTS = {
  occurredAt: 'x.occurred_at',
  dueDate: 'x.due_date',
  subject: 'x.subject',
  createdAt: 'x.created_at',
  account: 'a.name',
};

/**
 * An activity's moment, `coalesce(due_date::timestamptz, occurred_at)`, in [from, to). No index
 * holds that expression (a date's instant depends on the session's time zone), so the exact test
 * comes with bounds indexes serve: a due date between the two days (a date whose midnight is in
 * the range lies between the range's dates), or no due date and occurred_at in the range.
 */
function whenBetween(from: string | undefined, to: string | undefined, params: unknown[]): string {
  const at = (value: string) => `$${params.push(value)}::timestamptz`;
  const lo = from ? at(from) : null;
  const hi = to ? at(to) : null;
  const when = 'coalesce(x.due_date::timestamptz, x.occurred_at)';
  const exact = [lo && `${when} >= ${lo}`, hi && `${when} < ${hi}`].filter(Boolean);
  const due = [lo && `x.due_date >= (${lo})::date`, hi && `x.due_date <= (${hi})::date`].filter(Boolean);
  const occurred = [
    'x.due_date is null',
    lo && `x.occurred_at >= ${lo}`,
    hi && `x.occurred_at < ${hi}`,
  ].filter(Boolean);
  return `${exact.join(' and ')} and ((${due.join(' and ')}) or (${occurred.join(' and ')}))`;
}

function whereOf(userId: string, filters: Partial<ActivityFilters>) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (filters.q)
    add(
      (p) =>
        `(relais_unaccent(lower(x.subject)) like '%' || relais_unaccent(lower(${p})) || '%' or relais_unaccent(lower(x.body_md)) like '%' || relais_unaccent(lower(${p})) || '%')`,
      filters.q,
    );
  if (filters.kind) add((p) => `x.kind = any (${p}::text[])`, filters.kind.split(','));
  if (filters.accountId) add((p) => `x.account_id = ${p}`, filters.accountId);
  // Through the contacts the reader sees: a hidden contact's id selects nothing.
  if (filters.contactId)
    add(
      (p) =>
        `exists (select 1 from activity_contacts ac join contacts fc on fc.id = ac.contact_id where ac.activity_id = x.id and ac.contact_id = ${p})`,
      filters.contactId,
    );
  if (filters.offerId) add((p) => `x.offer_id = ${p}`, filters.offerId);
  if (filters.ownerId) add((p) => `x.owner_id = ${p}`, filters.ownerId === 'me' ? userId : filters.ownerId);
  if (filters.open === 'true') clauses.push(`x.kind = 'task' and x.done_at is null`);
  if (filters.open === 'false') clauses.push(`(x.kind <> 'task' or x.done_at is not null)`);
  if (filters.planned === 'true') clauses.push(`x.kind in ('visit', 'call') and x.done_at is null`);
  if (filters.planned === 'false') clauses.push(`x.kind in ('visit', 'call') and x.done_at is not null`);
  if (filters.from || filters.to) clauses.push(whenBetween(filters.from, filters.to, params));
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

/** Sorts on never-null columns: their pages start with a row comparison an index serves. */
const NOT_NULL_SORTS = ['occurredAt', 'subject', 'createdAt'];

/**
 * One page of activities, keyset-paged (the cursor is the last row's sort key and id), with a
 * total capped at COUNT_CAP; `all` (the CSV export) reads every row up to 100k and counts nothing;
 * without `withTotal`, `total` is the number of rows read.
 */
export async function listActivities(
  tx: Queryable,
  userId: string,
  filters: ActivityFilters,
  all = false,
  withTotal = true,
) {
  const { where, params } = whereOf(userId, filters);
  const keyset = keysetOf(filters.sort, SORTS, '-occurredAt', 'x.id', NOT_NULL_SORTS);
  const after = all ? null : decodeKeysetCursor(filters.cursor);
  const pageParams = [...params];
  const pageWhere = after
    ? `${where ? `${where} and` : 'where'} ${keysetAfter(keyset, after, (value) => `$${pageParams.push(value)}`)}`
    : where;
  const limit = all ? 100_000 : filters.limit;
  const rows = await tx.query<ActivityRow & KeysetRow>(
    `${activitySelect(`, (${keyset.key})::text as sort_key`)} ${pageWhere} ${keyset.order} limit ${limit + 1}`,
    pageParams,
  );
  // The export and the dashboard's boxes read items only: no count.
  if (all || !withTotal) return toKeysetPage(rows, limit, toActivity, rows.length);
  const [{ count }] = await tx.query<{ count: number }>(
    cappedCountSql(`from activities x left join accounts a on a.id = x.account_id ${where}`),
    params,
  );
  return toKeysetPage(rows, limit, toActivity, cappedTotal(count));
}

export async function findActivity(tx: Queryable, id: string, lock = false) {
  if (lock) await tx.query(`select id from activities where id = $1 for update`, [id]);
  const rows = await tx.query<ActivityRow>(`${ACTIVITY_SELECT} where x.id = $1`, [id]);
  return rows[0] ? toActivity(rows[0]) : null;
}

export async function setContacts(tx: Queryable, activityId: string, contactIds: string[]) {
  await tx.query(`delete from activity_contacts where activity_id = $1`, [activityId]);
  if (contactIds.length) {
    await tx.query(
      `insert into activity_contacts (activity_id, contact_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
      [activityId, [...new Set(contactIds)]],
    );
  }
}

/** The accounts a rep logs against most: those of their latest activities, then the ones they own. */
export async function recentAccounts(tx: Queryable, userId: string, limit: number) {
  return tx.query<{ id: string; name: string; city: string | null; last_at: string | null }>(
    `with recent as (
       select x.account_id as id, max(x.created_at) as last_at from activities x
        where x.owner_id = $1 and x.account_id is not null and x.created_at > now() - interval '180 days'
        group by x.account_id order by last_at desc limit $2)
     select a.id, a.name, a.city, r.last_at from recent r join accounts a on a.id = r.id
     union all
     select * from (select a.id, a.name, a.city, null::timestamptz as last_at from accounts a
                     where a.owner_id = $1 and a.merged_into_id is null and a.id not in (select id from recent) order by a.updated_at desc limit $2) owned
     order by last_at desc nulls last limit $2`,
    [userId, limit],
  );
}

import { actAs, actAsSystem, loadActor } from '../../../db/access.js';
import type { Queryable } from '../../../db/client.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import type { FieldError } from '../../../platform/errors.js';
import { nowOf, sourcesOf } from '../shared/push-state.js';
import { createNotifications } from '../notifications/notify.js';

export type Audience = {
  teamIds?: string[];
  roles?: string[];
  segments?: string[];
  sectors?: string[];
  countries?: string[];
};

/**
 * Users an audience reaches (PUSH-4): in any of the teams (and their sub-teams — a region is a
 * team), AND of one of the roles, AND owning an account of one of the segments / sectors /
 * countries (market). A dimension left empty does not filter; an empty audience is everyone.
 */
export async function resolveAudience(tx: Queryable, deps: AppDeps, audience: Audience): Promise<string[]> {
  const lower = (list?: string[]) => (list ?? []).map((value) => value.toLowerCase());
  const accountFilter = Boolean(
    audience.segments?.length || audience.sectors?.length || audience.countries?.length,
  );
  // Owners of an account of the market, as the transaction may see them (the author's view).
  const owners = accountFilter
    ? await sourcesOf(deps).crm.marketAccountOwners(tx, {
        segments: lower(audience.segments),
        sectors: lower(audience.sectors),
        countries: lower(audience.countries),
      })
    : [];
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
    [audience.teamIds ?? [], audience.roles ?? [], owners, accountFilter],
  );
  return rows.map((row) => row.id);
}

/**
 * The teams a broadcaster may reach (PUSH-4): an admin the whole company (null); anyone else
 * their own teams and every team below them (a region manager: their region).
 */
export async function broadcastScope(ctx: Ctx): Promise<string[] | null> {
  if (ctx.actor.role === 'admin') return null;
  const rows = await ctx.tx.query<{ id: string }>(
    `with recursive scope as (select id from teams where id = any ($1::uuid[]) union select t.id from teams t join scope s on t.parent_id = s.id)
     select id from scope`,
    [ctx.actor.visibleTeamIds],
  );
  return rows.map((row) => row.id);
}

/**
 * Checks an audience against what its author may reach and see, and narrows it: teams outside
 * the author's scope are refused; no team means "all my teams" (the whole company for an
 * admin); linked knowledge must be visible to the author. Returns the audience to store.
 */
export async function scopeAudience(
  ctx: Ctx,
  audience: Audience,
  errors: FieldError[],
  knowledgeIds: string[] = [],
): Promise<Audience> {
  const teamIds = [...new Set(audience.teamIds ?? [])];
  if (teamIds.length) {
    const found = await ctx.tx.query<{ id: string }>(`select id from teams where id = any ($1::uuid[])`, [
      teamIds,
    ]);
    if (found.length !== teamIds.length)
      errors.push({ field: 'audience.teamIds', code: 'unknown_team', message: 'Unknown team.' });
  }
  const scope = await broadcastScope(ctx);
  let scoped = teamIds;
  if (scope) {
    const inside = new Set(scope);
    if (teamIds.some((id) => !inside.has(id))) {
      errors.push({
        field: 'audience.teamIds',
        code: 'outside_your_teams',
        message: 'You broadcast to your own teams only; the whole company is the admin’s.',
      });
    }
    if (teamIds.length === 0) {
      // Every team of the scope whose parent is outside it: a manager's region(s), an agency…
      const parents = await ctx.tx.query<{ id: string; parent_id: string | null }>(
        `select id, parent_id from teams where id = any ($1::uuid[])`,
        [scope],
      );
      scoped = parents
        .filter((team) => !team.parent_id || !inside.has(team.parent_id))
        .map((team) => team.id);
      if (scoped.length === 0)
        errors.push({
          field: 'audience.teamIds',
          code: 'no_team',
          message: 'You belong to no team: ask an admin to broadcast.',
        });
    }
  }
  if (knowledgeIds.length) {
    // Under the author's row-level security: an item they may not see cannot be linked.
    const visible = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, knowledgeIds);
    if (visible.length !== new Set(knowledgeIds).size)
      errors.push({
        field: 'knowledgeIds',
        code: 'unknown_knowledge',
        message: 'Unknown knowledge item (or not visible to you).',
      });
  }
  return { ...audience, teamIds: scoped };
}

/**
 * The audience as its author sees it: accounts filtering by segment, sector or country count
 * only if the author may see them, so neither the preview nor the receipts reveal others.
 */
export async function resolveAudienceAs(
  tx: Queryable,
  deps: AppDeps,
  authorId: string | null,
  audience: Audience,
): Promise<string[]> {
  const author = authorId ? await loadActor(tx, authorId) : null;
  if (!author) return resolveAudience(tx, deps, audience);
  await actAs(tx, author);
  try {
    return await resolveAudience(tx, deps, audience);
  } finally {
    await actAsSystem(tx);
  }
}

type BroadcastRow = {
  id: string;
  title: string;
  body_md: string;
  audience: Audience;
  requires_ack: boolean;
  ack_due: string | null;
  schedule_kind: 'now' | 'at' | 'season';
  starts_at: string | null;
  season_from: string | null;
  season_to: string | null;
  active: boolean;
  author_id: string | null;
};

/** Delivers one period of a broadcast; the run row makes it happen once, whatever retries or restarts. */
export async function deliverBroadcast(
  tx: Queryable,
  deps: AppDeps,
  broadcastId: string,
  periodKey: string,
): Promise<number> {
  const [broadcast] = await tx.query<BroadcastRow>(`select * from broadcasts where id = $1`, [broadcastId]);
  if (!broadcast || !broadcast.active) return 0;
  const run = await tx.query(
    `insert into broadcast_runs (broadcast_id, period_key) values ($1, $2) on conflict do nothing returning 1`,
    [broadcastId, periodKey],
  );
  if (run.length === 0) return 0;
  const userIds = await resolveAudienceAs(tx, deps, broadcast.author_id, broadcast.audience);
  const seasonal = broadcast.schedule_kind === 'season';
  const created = await createNotifications(tx, deps, {
    kind: seasonal ? 'season' : 'broadcast',
    severity: broadcast.requires_ack ? 'warning' : 'info',
    title: { fr: broadcast.title, en: broadcast.title },
    body: { fr: broadcast.body_md, en: broadcast.body_md },
    url: `/broadcasts/${broadcast.id}`,
    sourceType: 'broadcast',
    sourceId: broadcast.id,
    dedupeKey: `broadcast:${broadcast.id}:${periodKey}`,
    requiresAck: broadcast.requires_ack,
    ackDue: broadcast.ack_due,
    recipients: userIds.map((userId) => ({ userId })),
  });
  await tx.query(
    `insert into broadcast_recipients (broadcast_id, period_key, user_id, notification_id)
     select $1, $2, u, n from unnest($3::uuid[], $4::uuid[]) as x(u, n) on conflict do nothing`,
    [broadcastId, periodKey, created.map((c) => c.userId), created.map((c) => c.id)],
  );
  await tx.query(
    `update broadcast_runs set recipient_count = $3 where broadcast_id = $1 and period_key = $2`,
    [broadcastId, periodKey, created.length],
  );
  return created.length;
}

/** The season of `year` as [start, end) instants (UTC days); a season may wrap the new year. */
export function seasonWindow(from: string, to: string, year: number): [number, number] {
  const start = Date.parse(`${year}-${from}T00:00:00Z`);
  const endYear = to < from ? year + 1 : year;
  return [start, Date.parse(`${endYear}-${to}T00:00:00Z`) + 86_400_000];
}

/** The period a seasonal broadcast is in at `now` (its start year), or null outside the season. */
export function currentSeason(from: string, to: string, now: Date): string | null {
  for (const year of [now.getUTCFullYear(), now.getUTCFullYear() - 1]) {
    const [start, end] = seasonWindow(from, to, year);
    if (now.getTime() >= start && now.getTime() < end) return String(year);
  }
  return null;
}

/**
 * The scheduler pass (a recurring job): delivers due dated broadcasts and the current season of
 * seasonal ones. Runs are keyed by period, so restarts and several instances never send twice.
 */
export async function runSchedules(tx: Queryable, deps: AppDeps): Promise<number> {
  const now = nowOf(deps);
  const due = await tx.query<BroadcastRow>(
    `select * from broadcasts b where active and schedule_kind in ('at', 'season') and (starts_at is null or starts_at <= $1)
        and not exists (select 1 from broadcast_runs r where r.broadcast_id = b.id and b.schedule_kind = 'at')`,
    [now],
  );
  let delivered = 0;
  for (const broadcast of due) {
    const period =
      broadcast.schedule_kind === 'at'
        ? 'once'
        : currentSeason(broadcast.season_from!, broadcast.season_to!, now);
    if (period) delivered += await deliverBroadcast(tx, deps, broadcast.id, period);
  }
  return delivered;
}

/** Reminds, once a day, those who have not acknowledged a broadcast that requires it. */
export async function sendReminders(tx: Queryable, deps: AppDeps): Promise<number> {
  const now = nowOf(deps);
  const pending = await tx.query<{
    broadcast_id: string;
    period_key: string;
    user_id: string;
    title: string;
    ack_due: string | null;
    reminder_count: number;
  }>(
    `select r.broadcast_id, r.period_key, r.user_id, b.title, b.ack_due, r.reminder_count
       from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id
      where b.requires_ack and b.active and r.acked_at is null and (r.reminded_at is null or r.reminded_at < $1::timestamptz - interval '20 hours')`,
    [now],
  );
  const day = now.toISOString().slice(0, 10);
  let sent = 0;
  for (const row of pending) {
    const due = row.ack_due
      ? { fr: ` avant le ${row.ack_due.split('-').reverse().join('/')}`, en: ` by ${row.ack_due}` }
      : { fr: '', en: '' };
    const created = await createNotifications(tx, deps, {
      kind: 'reminder',
      severity: 'warning',
      title: {
        fr: `Rappel : à confirmer${due.fr} — ${row.title}`,
        en: `Reminder: please acknowledge${due.en} — ${row.title}`,
      },
      url: `/broadcasts/${row.broadcast_id}`,
      sourceType: 'broadcast',
      sourceId: row.broadcast_id,
      dedupeKey: `reminder:${row.broadcast_id}:${row.period_key}:${day}`,
      recipients: [
        {
          userId: row.user_id,
          reason: {
            fr: 'vous n’avez pas encore confirmé la lecture',
            en: 'you have not acknowledged it yet',
          },
        },
      ],
    });
    await tx.query(
      `update broadcast_recipients set reminded_at = $4, reminder_count = reminder_count + 1 where broadcast_id = $1 and period_key = $2 and user_id = $3`,
      [row.broadcast_id, row.period_key, row.user_id, now],
    );
    sent += created.length;
  }
  return sent;
}

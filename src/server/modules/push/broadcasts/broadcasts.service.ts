import { emitEvent } from '../../../platform/events.js';
import { actAs, actAsSystem, loadActor } from '../../../db/access.js';
import type { Queryable } from '../../../db/client.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import {
  badRequest,
  forbidden,
  notFound,
  validationError,
  type FieldError,
} from '../../../platform/errors.js';
import { decodeCursor, pageArray, toPage, type Page } from '../../../platform/list-query.js';
import { nowOf, sourcesOf } from '../shared/push-state.js';
import { createNotifications } from '../notifications/notify.js';
import { renderMarkdown } from '../delivery/markdown.js';
import { broadcastsToWholeCompany } from './broadcasts.policy.js';
import {
  countBroadcasts,
  findAudienceUserIds,
  findBroadcast,
  findBroadcastView,
  findBroadcastViews,
  findDueBroadcasts,
  findPendingAcks,
  findReceipts,
  findTeamSubtreeIds,
  findTeams,
  insertBroadcast,
  insertRecipients,
  insertRun,
  markNotificationAcked,
  markNotificationRead,
  markReceiptAcked,
  markReceiptRead,
  markReminded,
  updateBroadcastActive,
  updateRunRecipientCount,
  type BroadcastViewRow,
} from './broadcasts.repository.js';
import type {
  Audience,
  Broadcast,
  BroadcastCreate,
  BroadcastListQuery,
  Receipt,
  ReceiptsQuery,
} from './broadcasts.schemas.js';

export type { Audience } from './broadcasts.schemas.js';

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
  return findAudienceUserIds(tx, audience.teamIds ?? [], audience.roles ?? [], owners, accountFilter);
}

/**
 * The teams a broadcaster may reach (PUSH-4): an admin the whole company (null); anyone else
 * their own teams and every team below them (a region manager: their region).
 */
export async function broadcastScope(ctx: Ctx): Promise<string[] | null> {
  if (broadcastsToWholeCompany(ctx.actor)) return null;
  return findTeamSubtreeIds(ctx.tx, ctx.actor.visibleTeamIds);
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
    const found = await findTeams(ctx.tx, teamIds);
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
      const parents = await findTeams(ctx.tx, scope);
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

/** Delivers one period of a broadcast; the run row makes it happen once, whatever retries or restarts. */
export async function deliverBroadcast(
  tx: Queryable,
  deps: AppDeps,
  broadcastId: string,
  periodKey: string,
): Promise<number> {
  const broadcast = await findBroadcast(tx, broadcastId);
  if (!broadcast || !broadcast.active) return 0;
  if (!(await insertRun(tx, broadcastId, periodKey))) return 0;
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
  await insertRecipients(tx, broadcastId, periodKey, created);
  await updateRunRecipientCount(tx, broadcastId, periodKey, created.length);
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
  const due = await findDueBroadcasts(tx, now);
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
  const pending = await findPendingAcks(tx, now);
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
    await markReminded(tx, row, now);
    sent += created.length;
  }
  return sent;
}

// What the broadcasts routes ask for (PUSH-4), each in the caller's transaction.

const toBroadcast = (row: BroadcastViewRow): Broadcast => ({
  id: row.id,
  title: row.title,
  body: row.body_md,
  html: renderMarkdown(row.body_md),
  lang: row.lang,
  audience: row.audience,
  requiresAck: row.requires_ack,
  ackDue: row.ack_due,
  schedule: { kind: row.schedule_kind, startsAt: row.starts_at, from: row.season_from, to: row.season_to },
  active: row.active,
  authorId: row.author_id,
  authorName: row.author_name,
  createdAt: row.created_at,
  stats: { recipients: row.recipients, read: row.read, acked: row.acked, runs: row.runs },
  myReceipt: row.my_receipt
    ? {
        readAt: row.my_receipt.readAt ?? null,
        ackedAt: row.my_receipt.ackedAt ?? null,
        periodKey: row.my_receipt.periodKey,
      }
    : null,
  knowledge: [],
});

async function loadBroadcast(ctx: Ctx, id: string): Promise<BroadcastViewRow> {
  const row = await findBroadcastView(ctx.tx, ctx.actor.userId, id);
  if (!row) throw notFound('broadcast');
  return row;
}

/** Marks my receipt of a broadcast (and its notification) read: opening it counts as reading it. */
async function markRead(ctx: Ctx, row: BroadcastViewRow): Promise<boolean> {
  if (!row.my_receipt || row.my_receipt.readAt) return false;
  const receipt = await markReceiptRead(ctx.tx, row.id, ctx.actor.userId, row.my_receipt.periodKey);
  if (receipt?.notification_id) await markNotificationRead(ctx.tx, receipt.notification_id, receipt.read_at);
  return true;
}

/** Linked knowledge as the reader may see it (row-level security drops the others). */
async function knowledgeOf(ctx: Ctx, ids: string[]): Promise<Broadcast['knowledge']> {
  if (!ids?.length) return [];
  const rows = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, ids);
  return rows.map((item) => ({ id: item.id, title: item.title, url: `/knowledge/${item.id}` }));
}

/** Broadcasts I received (or wrote, or manage), newest first. */
export async function listBroadcasts(ctx: Ctx, query: BroadcastListQuery): Promise<Page<Broadcast>> {
  const offset = decodeCursor(query.cursor);
  const filters = { q: query.q || null, pendingAck: query.pendingAck ? (true as const) : null };
  const rows = await findBroadcastViews(ctx.tx, ctx.actor.userId, filters, query.limit + 1, offset);
  const total = await countBroadcasts(ctx.tx, ctx.actor.userId, filters);
  return toPage(rows.map(toBroadcast), query, offset, total);
}

/** How many people an audience reaches, as its author may reach them. */
export async function previewAudience(ctx: Ctx, input: Audience): Promise<{ count: number }> {
  const errors: FieldError[] = [];
  const audience = await scopeAudience(ctx, input, errors);
  if (errors.length) throw validationError(errors);
  // Under the caller's row-level security: only accounts they may see decide who is reached.
  return { count: (await resolveAudience(ctx.tx, ctx.deps, audience)).length };
}

/** Stores a broadcast and hands its delivery to the job runner (now, at its date, or each season). */
export async function createBroadcast(ctx: Ctx, body: BroadcastCreate): Promise<Broadcast> {
  const deps = ctx.deps;
  const errors: FieldError[] = [];
  const audience = await scopeAudience(ctx, body.audience, errors, body.knowledgeIds);
  const today = nowOf(deps).toISOString().slice(0, 10);
  if (body.ackDue && !body.requiresAck)
    errors.push({ field: 'ackDue', code: 'without_ack', message: 'A due date needs requiresAck.' });
  if (body.ackDue && body.ackDue < today)
    errors.push({ field: 'ackDue', code: 'past', message: 'The due date is in the past.' });
  if (body.schedule.kind === 'season' && body.schedule.from === body.schedule.to)
    errors.push({
      field: 'schedule.to',
      code: 'empty_season',
      message: 'A season lasts more than a day.',
    });
  if (errors.length) throw validationError(errors, 'The broadcast is not valid; nothing was sent.');
  const schedule = body.schedule;
  const startsAt = schedule.kind === 'now' ? null : (schedule.startsAt ?? null);
  const id = await insertBroadcast(ctx.tx, [
    body.title,
    body.body,
    body.lang,
    JSON.stringify(audience),
    body.requiresAck,
    body.ackDue ?? null,
    schedule.kind,
    startsAt,
    schedule.kind === 'season' ? schedule.from : null,
    schedule.kind === 'season' ? schedule.to : null,
    body.knowledgeIds,
    ctx.actor.userId,
  ]);
  // Delivered by the durable job runner: now, at the date, or by the scheduler each season.
  if (schedule.kind === 'now')
    await deps.jobs.enqueue(
      ctx.tx,
      'push.broadcast',
      { broadcastId: id, periodKey: 'once' },
      { singletonKey: `broadcast:${id}:once` },
    );
  if (schedule.kind === 'at')
    await deps.jobs.enqueue(
      ctx.tx,
      'push.broadcast',
      { broadcastId: id, periodKey: 'once' },
      { singletonKey: `broadcast:${id}:once`, runAt: new Date(schedule.startsAt) },
    );
  if (schedule.kind === 'season')
    await deps.jobs.enqueue(ctx.tx, 'push.schedules', {}, { singletonKey: `schedules:after:${id}` });
  await emitEvent(ctx.tx, {
    type: 'broadcast.created',
    payload: { broadcastId: id },
    actorId: ctx.actor.userId,
  });
  return toBroadcast(await loadBroadcast(ctx, id));
}

/** One broadcast with my receipt and its linked knowledge; opening it as a recipient reads it. */
export async function openBroadcast(ctx: Ctx, id: string): Promise<Broadcast> {
  let row = await loadBroadcast(ctx, id);
  if (await markRead(ctx, row)) row = await loadBroadcast(ctx, id);
  return { ...toBroadcast(row), knowledge: await knowledgeOf(ctx, row.knowledge_ids) };
}

/** Stops or resumes a scheduled or seasonal broadcast (its author or an admin: row-level security). */
export async function setBroadcastActive(ctx: Ctx, id: string, active: boolean): Promise<Broadcast> {
  await loadBroadcast(ctx, id);
  if (!(await updateBroadcastActive(ctx.tx, id, active)))
    throw forbidden('Only the author or an admin can change this broadcast.');
  return toBroadcast(await loadBroadcast(ctx, id));
}

/** Acknowledges a broadcast that asks for it (and reads it), with its notification. */
export async function acknowledgeBroadcast(ctx: Ctx, id: string): Promise<{ ackedAt: string }> {
  const broadcast = await loadBroadcast(ctx, id);
  if (!broadcast.my_receipt) throw notFound('broadcast');
  if (!broadcast.requires_ack)
    throw badRequest('broadcast.no_ack', 'This broadcast does not ask for an acknowledgment.');
  const row = await markReceiptAcked(ctx.tx, id, ctx.actor.userId, broadcast.my_receipt.periodKey);
  if (row.notification_id) await markNotificationAcked(ctx.tx, row.notification_id, row.acked_at);
  return { ackedAt: row.acked_at };
}

/** Who read, acknowledged or was reminded, filtered by status; the figures count everyone. */
export async function listReceipts(
  ctx: Ctx,
  id: string,
  query: ReceiptsQuery,
): Promise<Page<Receipt> & { recipients: number; read: number; acked: number }> {
  await loadBroadcast(ctx, id);
  const items: Receipt[] = (await findReceipts(ctx.tx, id)).map((row) => ({
    userId: row.user_id,
    name: row.name,
    teamName: row.team_name,
    periodKey: row.period_key,
    readAt: row.read_at,
    ackedAt: row.acked_at,
    reminderCount: row.reminder_count,
  }));
  const status = query.status;
  const filtered = items.filter(
    (item) =>
      !status ||
      (status === 'unread'
        ? !item.readAt
        : status === 'read'
          ? item.readAt
          : status === 'acked'
            ? item.ackedAt
            : !item.ackedAt),
  );
  return {
    ...pageArray(filtered, query),
    recipients: items.length,
    read: items.filter((i) => i.readAt).length,
    acked: items.filter((i) => i.ackedAt).length,
  };
}

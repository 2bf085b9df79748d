import { z } from 'zod';
import { ROLES } from '../../../../common/roles.js';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import {
  badRequest,
  forbidden,
  notFound,
  validationError,
  type FieldError,
} from '../../../platform/errors.js';
import {
  decodeCursor,
  listQuerySchema,
  pageArray,
  pageSchema,
  pagingSchema,
  toPage,
} from '../../../platform/list-query.js';
import { resolveAudience, scopeAudience } from './broadcasts.service.js';
import { nowOf, sourcesOf } from '../shared/push-state.js';
import { renderMarkdown } from '../delivery/markdown.js';

const TAG = 'push';
const idParams = z.object({ id: z.string().uuid() });
const label = z.string().trim().min(1).max(100);
const audienceSchema = z.strictObject({
  teamIds: z.array(z.string().uuid()).max(200).default([]),
  roles: z.array(z.enum(ROLES)).max(4).default([]),
  segments: z.array(label).max(100).default([]),
  sectors: z.array(label).max(100).default([]),
  countries: z
    .array(z.string().regex(/^[A-Za-z]{2}$/))
    .max(100)
    .default([]),
});
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`2024-${v}T00:00:00Z`)) &&
      new Date(`2024-${v}T00:00:00Z`).getUTCDate() === Number(v.slice(3)),
    'Not a day of the year.',
  );
const createSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(20_000).default(''),
  lang: z.enum(['fr', 'en']).default('fr'),
  audience: audienceSchema.default({ teamIds: [], roles: [], segments: [], sectors: [], countries: [] }),
  requiresAck: z.boolean().default(false),
  ackDue: z.string().date().nullable().optional(),
  schedule: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('now') }),
      z.strictObject({ kind: z.literal('at'), startsAt: z.string().datetime({ offset: true }) }),
      z.strictObject({
        kind: z.literal('season'),
        from: monthDay,
        to: monthDay,
        startsAt: z.string().datetime({ offset: true }).optional(),
      }),
    ])
    .default({ kind: 'now' }),
  knowledgeIds: z.array(z.string().uuid()).max(20).default([]),
});
const receiptSchema = z
  .object({ readAt: z.string().nullable(), ackedAt: z.string().nullable(), periodKey: z.string() })
  .nullable();
const broadcastSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  html: z.string(),
  lang: z.string(),
  audience: z.unknown(),
  requiresAck: z.boolean(),
  ackDue: z.string().nullable(),
  schedule: z.object({
    kind: z.string(),
    startsAt: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  active: z.boolean(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  stats: z.object({ recipients: z.number(), read: z.number(), acked: z.number(), runs: z.number() }),
  myReceipt: receiptSchema,
  knowledge: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
});

const SELECT = `select b.*, trim(u.first_name || ' ' || u.last_name) as author_name,
    (select count(*)::int from broadcast_recipients r where r.broadcast_id = b.id) as recipients,
    (select count(*)::int from broadcast_recipients r where r.broadcast_id = b.id and r.read_at is not null) as read,
    (select count(*)::int from broadcast_recipients r where r.broadcast_id = b.id and r.acked_at is not null) as acked,
    (select count(*)::int from broadcast_runs r where r.broadcast_id = b.id) as runs,
    (select jsonb_build_object('readAt', r.read_at, 'ackedAt', r.acked_at, 'periodKey', r.period_key) from broadcast_recipients r
      where r.broadcast_id = b.id and r.user_id = $1 order by r.period_key desc limit 1) as my_receipt
  from broadcasts b left join users u on u.id = b.author_id`;
const toBroadcast = (row: any) => ({
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
  knowledge: [] as { id: string; title: string; url: string }[],
});
const MANAGERS = { roles: ['manager', 'expert', 'admin'] as ('manager' | 'expert' | 'admin')[] };

async function loadBroadcast(ctx: Ctx, id: string) {
  const [row] = await ctx.tx.query(`${SELECT} where b.id = $2`, [ctx.actor.userId, id]);
  if (!row) throw notFound('broadcast');
  return row;
}

/** Marks my receipt of a broadcast (and its notification) read: opening it counts as reading it. */
async function markRead(ctx: Ctx, row: any) {
  if (!row.my_receipt || row.my_receipt.readAt) return false;
  const [receipt] = await ctx.tx.query<{ notification_id: string | null; read_at: string }>(
    `update broadcast_recipients set read_at = coalesce(read_at, now()) where broadcast_id = $1 and user_id = $2 and period_key = $3 returning notification_id, read_at`,
    [row.id, ctx.actor.userId, row.my_receipt.periodKey],
  );
  if (receipt?.notification_id)
    await ctx.tx.query(`update notifications set read_at = coalesce(read_at, $2) where id = $1`, [
      receipt.notification_id,
      receipt.read_at,
    ]);
  return true;
}

/** Linked knowledge as the reader may see it (row-level security drops the others). */
async function knowledgeOf(ctx: Ctx, ids: string[]) {
  if (!ids?.length) return [];
  const rows = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, ids);
  return rows.map((item) => ({ id: item.id, title: item.title, url: `/knowledge/${item.id}` }));
}

/** Broadcasts and seasonal pushes (PUSH-4), registered under `/broadcasts`. */
export async function broadcastRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.get('', {
    schema: {
      tags: [TAG],
      summary: 'Broadcasts I received (or wrote, or manage)',
      querystring: listQuerySchema.extend({
        pendingAck: z.enum(['true']).optional(),
        q: z.string().max(200).optional(),
      }),
      response: { 200: pageSchema(broadcastSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const query = request.query;
        const offset = decodeCursor(query.cursor);
        const where = `where ($2::text is null or b.title ilike '%' || $2 || '%')
          and ($3::boolean is null or exists (select 1 from broadcast_recipients r where r.broadcast_id = b.id and r.user_id = $1 and r.acked_at is null and b.requires_ack))`;
        const params = [ctx.actor.userId, query.q || null, query.pendingAck ? true : null];
        const rows = await ctx.tx.query(
          `${SELECT} ${where} order by b.created_at desc, b.id limit ${query.limit + 1} offset ${offset}`,
          params,
        );
        const [{ total }] = await ctx.tx.query<{ total: number }>(
          `select count(*)::int as total from broadcasts b ${where}`,
          params,
        );
        return toPage(rows.map(toBroadcast), query, offset, total);
      }),
  });

  app.post('/audience-preview', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary:
        'How many people an audience reaches, as its author may reach them (own teams; accounts they may see)',
      body: z.strictObject({ audience: audienceSchema }),
      response: { 200: z.object({ count: z.number().int() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const errors: FieldError[] = [];
        const audience = await scopeAudience(ctx, request.body.audience, errors);
        if (errors.length) throw validationError(errors);
        // Under the caller's row-level security: only accounts they may see decide who is reached.
        return { count: (await resolveAudience(ctx.tx, deps, audience)).length };
      }),
  });

  app.post('', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Broadcast to an audience now, at a date, or every year over a season',
      body: createSchema,
      response: { 201: broadcastSchema },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const created = await request.run(async (ctx) => {
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
        const [row] = await ctx.tx.query<{ id: string }>(
          `insert into broadcasts (title, body_md, lang, audience, requires_ack, ack_due, schedule_kind, starts_at, season_from, season_to, knowledge_ids, author_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
          [
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
          ],
        );
        // Delivered by the durable job runner: now, at the date, or by the scheduler each season.
        if (schedule.kind === 'now')
          await deps.jobs.enqueue(
            ctx.tx,
            'push.broadcast',
            { broadcastId: row.id, periodKey: 'once' },
            { singletonKey: `broadcast:${row.id}:once` },
          );
        if (schedule.kind === 'at')
          await deps.jobs.enqueue(
            ctx.tx,
            'push.broadcast',
            { broadcastId: row.id, periodKey: 'once' },
            { singletonKey: `broadcast:${row.id}:once`, runAt: new Date(schedule.startsAt) },
          );
        if (schedule.kind === 'season')
          await deps.jobs.enqueue(
            ctx.tx,
            'push.schedules',
            {},
            { singletonKey: `schedules:after:${row.id}` },
          );
        return toBroadcast(await loadBroadcast(ctx, row.id));
      });
      return reply.status(201).send(created);
    },
  });

  app.get('/:id', {
    schema: {
      tags: [TAG],
      summary: 'One broadcast, with my read receipt; opening it as a recipient counts as reading it',
      params: idParams,
      response: { 200: broadcastSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        let row = await loadBroadcast(ctx, request.params.id);
        if (await markRead(ctx, row)) row = await loadBroadcast(ctx, request.params.id);
        return { ...toBroadcast(row), knowledge: await knowledgeOf(ctx, row.knowledge_ids) };
      }),
  });

  app.patch('/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Stop (or resume) a scheduled or seasonal broadcast',
      params: idParams,
      body: z.strictObject({ active: z.boolean() }),
      response: { 200: broadcastSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await loadBroadcast(ctx, request.params.id);
        const updated = await ctx.tx.query(`update broadcasts set active = $2 where id = $1 returning id`, [
          request.params.id,
          request.body.active,
        ]);
        if (updated.length === 0) throw forbidden('Only the author or an admin can change this broadcast.');
        return toBroadcast(await loadBroadcast(ctx, request.params.id));
      }),
  });

  app.post('/:id/ack', {
    schema: {
      tags: [TAG],
      summary: 'Acknowledge a broadcast that requires it (also marks it read)',
      params: idParams,
      response: { 200: z.object({ ackedAt: z.string() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const broadcast = await loadBroadcast(ctx, request.params.id);
        if (!broadcast.my_receipt) throw notFound('broadcast');
        if (!broadcast.requires_ack)
          throw badRequest('broadcast.no_ack', 'This broadcast does not ask for an acknowledgment.');
        const [row] = await ctx.tx.query<{ acked_at: string; notification_id: string | null }>(
          `update broadcast_recipients set acked_at = coalesce(acked_at, now()), read_at = coalesce(read_at, now())
            where broadcast_id = $1 and user_id = $2 and period_key = $3 returning acked_at, notification_id`,
          [request.params.id, ctx.actor.userId, broadcast.my_receipt.periodKey],
        );
        if (row.notification_id)
          await ctx.tx.query(
            `update notifications set acknowledged_at = coalesce(acknowledged_at, $2), read_at = coalesce(read_at, $2) where id = $1`,
            [row.notification_id, row.acked_at],
          );
        return { ackedAt: row.acked_at };
      }),
  });

  app.get('/:id/receipts', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Read receipts: who read, who acknowledged, who was reminded',
      params: idParams,
      querystring: pagingSchema({ defaultLimit: 500 }).extend({
        status: z.enum(['unread', 'read', 'acked', 'pending_ack']).optional(),
      }),
      response: {
        200: pageSchema(
          z.object({
            userId: z.string(),
            name: z.string(),
            teamName: z.string().nullable(),
            periodKey: z.string(),
            readAt: z.string().nullable(),
            ackedAt: z.string().nullable(),
            reminderCount: z.number(),
          }),
        ).extend({
          recipients: z.number().describe('All recipients, whatever the status filter'),
          read: z.number(),
          acked: z.number(),
        }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await loadBroadcast(ctx, request.params.id);
        const rows = await ctx.tx.query(
          `select r.*, trim(u.first_name || ' ' || u.last_name) as name, t.name as team_name from broadcast_recipients r
             join users u on u.id = r.user_id left join teams t on t.id = u.team_id where r.broadcast_id = $1 order by u.last_name, u.first_name`,
          [request.params.id],
        );
        const items = rows.map((row: any) => ({
          userId: row.user_id,
          name: row.name,
          teamName: row.team_name,
          periodKey: row.period_key,
          readAt: row.read_at,
          ackedAt: row.acked_at,
          reminderCount: row.reminder_count,
        }));
        const status = request.query.status;
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
          ...pageArray(filtered, request.query),
          recipients: items.length,
          read: items.filter((i) => i.readAt).length,
          acked: items.filter((i) => i.ackedAt).length,
        };
      }),
  });
}

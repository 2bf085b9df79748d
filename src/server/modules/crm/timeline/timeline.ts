import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import type { TimelineEntry } from '../../../platform/extension-points.js';
import { auditSecretRead } from '../../../platform/visibility.js';

const entrySchema = z.object({
  type: z.string(), id: z.string(), at: z.string(), title: z.string(), summary: z.string().nullable(), url: z.string(),
  actorName: z.string().nullable(), meta: z.record(z.string(), z.unknown()),
});

/** The account as the actor sees it, or 404; a secret account's read is audited. */
export async function accountOr404(ctx: Ctx, accountId: string, how: string) {
  const rows = await ctx.tx.query(`select * from accounts where id = $1`, [accountId]);
  if (!rows[0]) throw notFound('account');
  await auditSecretRead(ctx, 'account', { id: rows[0].id, visibility: rows[0].visibility }, how);
  return rows[0];
}

const clip = (text: string | null | undefined, length = 240) => (text ? (text.length > length ? `${text.slice(0, length - 1)}…` : text) : null);
const beforeClause = (column: string, before?: string) => (before ? `and ${column} < $3::timestamptz` : '');
const paramsOf = (accountId: string, limit: number, before?: string) => (before ? [accountId, limit, before] : [accountId, limit]);

/** CRM's timeline providers: activities, offers (by last change) and documents of the account. */
export function registerTimelineProviders(deps: AppDeps) {
  deps.points.registerTimeline('activity', async (ctx, accountId, { before, limit }) => {
    const rows = await ctx.tx.query(
      `select x.id, x.kind, x.subject, x.body_md, x.report, x.occurred_at, x.due_date, x.done_at, trim(u.first_name || ' ' || u.last_name) as actor
         from activities x join users u on u.id = x.owner_id
        where x.account_id = $1 ${beforeClause('x.occurred_at', before)} order by x.occurred_at desc limit $2`,
      paramsOf(accountId, limit, before),
    );
    return rows.map((row: any): TimelineEntry => ({
      type: 'activity', id: row.id, at: row.occurred_at, title: row.subject,
      summary: clip(row.report?.outcome || row.body_md), url: `/activities/${row.id}`, actorName: row.actor,
      meta: { kind: row.kind, dueDate: row.due_date, doneAt: row.done_at },
    }));
  });
  deps.points.registerTimeline('offer', async (ctx, accountId, { before, limit }) => {
    const rows = await ctx.tx.query(
      `select o.id, o.title, o.amount, o.updated_at, o.close_reason, s.key as stage, s.name_fr, s.name_en, s.outcome, trim(u.first_name || ' ' || u.last_name) as actor
         from offers o join offer_stages s on s.id = o.stage_id join users u on u.id = o.owner_id
        where o.account_id = $1 ${beforeClause('o.updated_at', before)} order by o.updated_at desc limit $2`,
      paramsOf(accountId, limit, before),
    );
    return rows.map((row: any): TimelineEntry => ({
      type: 'offer', id: row.id, at: row.updated_at, title: row.title,
      summary: `${ctx.locale === 'en' ? row.name_en : row.name_fr} · ${Number(row.amount).toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'fr-FR')} €${row.close_reason ? ` · ${row.close_reason}` : ''}`,
      url: `/offers/${row.id}`, actorName: row.actor, meta: { stage: row.stage, outcome: row.outcome, amount: Number(row.amount) },
    }));
  });
  deps.points.registerTimeline('document', async (ctx, accountId, { before, limit }) => {
    const rows = await ctx.tx.query(
      `select d.id, d.file_name, d.content_type, d.size_bytes, d.created_at, d.parent_type, d.parent_id, trim(u.first_name || ' ' || u.last_name) as actor
         from documents d left join users u on u.id = d.uploaded_by
        where ((d.parent_type = 'account' and d.parent_id = $1)
           or (d.parent_type = 'offer' and d.parent_id in (select o.id from offers o where o.account_id = $1))
           or (d.parent_type = 'activity' and d.parent_id in (select x.id from activities x where x.account_id = $1)))
          ${beforeClause('d.created_at', before)} order by d.created_at desc limit $2`,
      paramsOf(accountId, limit, before),
    );
    return rows.map((row: any): TimelineEntry => ({
      type: 'document', id: row.id, at: row.created_at, title: row.file_name, summary: null,
      url: `/api/v1/documents/${row.id}/download`, actorName: row.actor,
      meta: { contentType: row.content_type, sizeBytes: Number(row.size_bytes), parentType: row.parent_type, parentId: row.parent_id },
    }));
  });
}

export async function registerTimelineRoutes(app: RelaisApp, deps: AppDeps) {
  app.get('/api/v1/accounts/:id/timeline', {
    schema: {
      tags: ['accounts'], summary: "An account's merged timeline (activities, offers, documents, and what other modules add)",
      params: z.object({ id: z.string().uuid() }),
      querystring: z.object({
        types: z.string().max(200).regex(/^[a-z_]+(,[a-z_]+)*$/, 'Comma-separated types.').optional(),
        before: z.string().datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ items: z.array(entrySchema), nextBefore: z.string().nullable(), types: z.array(z.string()) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await accountOr404(ctx, request.params.id, 'timeline');
        const { types, before, limit } = request.query;
        const items = await deps.points.timeline(ctx, request.params.id, { before, limit, types: types?.split(',') });
        return { items, nextBefore: items.length === limit ? items[items.length - 1].at : null, types: [...deps.points.timelineProviders.keys()] };
      }),
  });
}

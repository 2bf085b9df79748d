import ical from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import { loadActor, runAsActor } from '../../../db/access.js';
import type { AppDeps } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const tags = ['calendar'];

/** CRM-10: a subscribable iCalendar feed per user of their visits and tasks, at a secret URL. */
export async function registerCalendarRoutes(app: RelaisApp, deps: AppDeps) {
  app.post('/api/v1/calendar/token', {
    schema: { tags, summary: 'Create or rotate my calendar feed URL (the old one stops working)', response: { 200: z.object({ url: z.string() }) } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const token = `cal_${randomBytes(24).toString('base64url')}`;
        await ctx.tx.query(
          `insert into calendar_feeds (user_id, token_hash) values ($1, $2) on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()`,
          [ctx.actor.userId, hashToken(token)],
        );
        return { url: `${deps.config.publicUrl}/api/v1/calendar/${token}.ics` };
      }),
  });
  app.get('/api/v1/calendar/token', {
    schema: { tags, summary: 'Whether I have a calendar feed (the URL itself is only shown when created)', response: { 200: z.object({ active: z.boolean(), createdAt: z.string().nullable() }) } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const rows = await ctx.tx.query(`select created_at from calendar_feeds where user_id = $1`, [ctx.actor.userId]);
        return { active: rows.length > 0, createdAt: rows[0]?.created_at ?? null };
      }),
  });
  app.delete('/api/v1/calendar/token', {
    schema: { tags, summary: 'Stop my calendar feed', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => ctx.tx.query(`delete from calendar_feeds where user_id = $1`, [ctx.actor.userId]));
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/calendar/:file', {
    config: { public: true },
    schema: { tags, summary: 'The feed (public: the token in the URL is the credential)', params: z.object({ file: z.string().regex(/^cal_[A-Za-z0-9_-]{20,64}\.ics$/) }) },
    handler: async (request, reply) => {
      const token = request.params.file.slice(0, -4);
      const [feed] = await deps.db.query<{ user_id: string }>(`select user_id from calendar_feeds where token_hash = $1`, [hashToken(token)]);
      const actor = feed ? await loadActor(deps.db, feed.user_id) : null;
      if (!actor) throw notFound('calendar');
      // Runs as that user, under row-level security, like any of their requests.
      const rows = await runAsActor(deps.db, actor, (tx) =>
        tx.query(
          `select x.id, x.kind, x.subject, x.body_md, x.report, x.occurred_at, x.duration_minutes, x.due_date, x.done_at, a.name as account_name, a.city
             from activities x left join accounts a on a.id = x.account_id
            where x.owner_id = $1 and ((x.kind = 'visit' and x.occurred_at > now() - interval '90 days')
               or (x.kind = 'task' and x.due_date is not null and x.due_date > current_date - 60))
            order by coalesce(x.due_date::timestamptz, x.occurred_at) limit 2000`,
          [actor.userId],
        ),
      );
      const calendar = ical({ name: actor.locale === 'en' ? 'Relais - visits and tasks' : 'Relais - visites et tâches', prodId: { company: 'Relais', product: 'relais-crm' }, ttl: 900 });
      for (const row of rows as any[]) {
        const description = [row.report?.objectives, row.report?.nextSteps, row.body_md].filter(Boolean).join('\n\n') || undefined;
        const url = `${deps.config.publicUrl}/activities/${row.id}`;
        if (row.kind === 'visit') {
          const start = new Date(row.occurred_at);
          calendar.createEvent({
            id: `${row.id}@relais`, start, end: new Date(start.getTime() + (row.duration_minutes || 60) * 60_000),
            summary: row.subject, description, location: row.city ?? undefined, url,
          });
        } else {
          const start = new Date(`${row.due_date}T00:00:00Z`);
          calendar.createEvent({
            id: `${row.id}@relais`, start, allDay: true,
            summary: `${row.done_at ? '✓ ' : ''}${row.subject}${row.account_name ? ` (${row.account_name})` : ''}`, description, url,
          });
        }
      }
      reply.header('content-type', 'text/calendar; charset=utf-8');
      reply.header('cache-control', 'private, max-age=300');
      return reply.send(calendar.toString());
    },
  });
}

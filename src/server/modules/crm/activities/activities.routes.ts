import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { auditExport, csvHeaders, toCsv } from '../dashboards/csv.js';
import { listActivities, recentAccounts } from './activities.repository.js';
import { activityCreateSchema, activityListQuerySchema, activityPatchSchema, activitySchema } from './activities.schemas.js';
import { activityDetail, createActivity, deleteActivity, markDone, patchActivity } from './activities.service.js';

const tags = ['activities'];
const params = z.object({ id: z.string().uuid() });

export async function registerActivityRoutes(app: RelaisApp) {
  app.get('/api/v1/activities', {
    schema: { tags, summary: 'Activities (filters q, kind, accountId, offerId, ownerId=me|uuid, open, from, to)', querystring: activityListQuerySchema, response: { 200: pageSchema(activitySchema) } },
    handler: async (request) => request.run((ctx) => listActivities(ctx.tx, ctx.actor.userId, request.query)),
  });
  app.get('/api/v1/activities/recent-accounts', {
    schema: {
      tags, summary: 'Accounts for quick capture: the ones I logged against lately, then those I own',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), city: z.string().nullable(), lastAt: z.string().nullable() })) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => ({
        items: (await recentAccounts(ctx.tx, ctx.actor.userId, request.query.limit)).map((row: any) => ({ id: row.id, name: row.name, city: row.city, lastAt: row.last_at })),
      })),
  });
  app.get('/api/v1/activities/export.csv', {
    schema: { tags, summary: 'Activities as CSV (same filters as the list)', querystring: activityListQuerySchema.omit({ limit: true, cursor: true }) },
    handler: async (request, reply) => {
      const csv = await request.run(async (ctx) => {
        const page = await listActivities(ctx.tx, ctx.actor.userId, { ...request.query, limit: 100_000 }, true);
        await auditExport(ctx, 'activity', page.items.length);
        const rows = page.items.map((a) => ({
          ...a, contacts: a.contacts.map((c) => c.name),
          objectives: a.report?.objectives ?? '', outcome: a.report?.outcome ?? '', nextSteps: a.report?.nextSteps ?? '',
        }));
        return toCsv(['id', 'kind', 'subject', 'occurredAt', 'dueDate', 'doneAt', 'accountName', 'offerTitle', 'contacts', 'ownerName', 'objectives', 'outcome', 'nextSteps', 'visibility'], rows);
      });
      csvHeaders(reply, 'activites.csv');
      return reply.send(csv);
    },
  });
  app.post('/api/v1/activities', {
    schema: { tags, summary: 'Log an activity (defaults: kind visit, now, subject from the account)', body: activityCreateSchema, response: { 201: activitySchema } },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => createActivity(ctx, request.body))),
  });
  app.get('/api/v1/activities/:id', {
    schema: { tags, summary: 'One activity', params, response: { 200: activitySchema } },
    handler: async (request) => request.run((ctx) => activityDetail(ctx, request.params.id)),
  });
  app.patch('/api/v1/activities/:id', {
    schema: { tags, summary: 'Change an activity', params, body: activityPatchSchema, response: { 200: activitySchema } },
    handler: async (request) => request.run((ctx) => patchActivity(ctx, request.params.id, request.body)),
  });
  app.post('/api/v1/activities/:id/done', {
    schema: { tags, summary: 'Mark a task done (or not done with {done:false})', params, body: z.strictObject({ done: z.boolean().default(true) }).optional(), response: { 200: activitySchema } },
    handler: async (request) => request.run((ctx) => markDone(ctx, request.params.id, request.body?.done ?? true)),
  });
  app.delete('/api/v1/activities/:id', {
    schema: { tags, summary: 'Delete an activity', params, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteActivity(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  registerGrantRoutes(app, { basePath: '/api/v1/activities', recordType: 'activity', table: 'activities', tag: 'activities' });
}

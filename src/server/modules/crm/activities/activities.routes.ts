import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { ACTIVITY_COLUMNS, exportFileName } from '../exports/columns.js';
import { auditExport, csvHeaders, toCsv } from '../exports/csv-export.js';
import { listActivities, recentAccounts } from './activities.repository.js';
import {
  activityCompleteSchema,
  activityCreateSchema,
  activityListQuerySchema,
  activityPatchSchema,
  activitySchema,
  followUpSchema,
} from './activities.schemas.js';
import {
  activityDetail,
  completeActivity,
  createActivity,
  deleteActivity,
  followUpActivity,
  markDone,
  patchActivity,
} from './activities.service.js';

const tags = ['activities'];
const params = z.object({ id: z.string().uuid() });
/** Quick capture suggests at most this many accounts (paged like any list). */
const RECENT_ACCOUNTS_MAX = 50;

export async function activityRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags,
      summary: 'Activities (filters q, kind, accountId, contactId, offerId, ownerId=me|uuid, open, from, to)',
      querystring: activityListQuerySchema,
      response: { 200: pageSchema(activitySchema) },
    },
    handler: async (request) => request.run((ctx) => listActivities(ctx.tx, ctx.actor.userId, request.query)),
  });
  app.get('/recent-accounts', {
    schema: {
      tags,
      summary: 'Accounts for quick capture: the ones I logged against lately, then those I own',
      querystring: pagingSchema({ defaultLimit: 12, maxLimit: RECENT_ACCOUNTS_MAX }),
      response: {
        200: pageSchema(
          z.object({
            id: z.string(),
            name: z.string(),
            city: z.string().nullable(),
            lastAt: z.string().nullable(),
          }),
        ),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) =>
        pageArray(
          (await recentAccounts(ctx.tx, ctx.actor.userId, RECENT_ACCOUNTS_MAX)).map((row) => ({
            id: row.id,
            name: row.name,
            city: row.city,
            lastAt: row.last_at,
          })),
          request.query,
        ),
      ),
  });
  app.get('/export.csv', {
    schema: {
      tags,
      summary: 'Activities as CSV (same filters as the list)',
      querystring: activityListQuerySchema.omit({ limit: true, cursor: true }),
    },
    handler: async (request, reply) => {
      const csv = await request.run(async (ctx) => {
        const page = await listActivities(
          ctx.tx,
          ctx.actor.userId,
          { ...request.query, limit: 100_000 },
          true,
        );
        await auditExport(ctx, 'activity', page.items.length);
        const rows = page.items.map((a) => ({
          ...a,
          contacts: a.contacts.map((c) => c.name),
          objectives: a.report?.objectives ?? '',
          outcome: a.report?.outcome ?? '',
          nextSteps: a.report?.nextSteps ?? '',
        }));
        return toCsv(ACTIVITY_COLUMNS, rows, ctx.locale);
      });
      csvHeaders(reply, exportFileName('activities', request.actor!.locale));
      return reply.send(csv);
    },
  });
  app.post('', {
    schema: {
      tags,
      summary:
        'Log an activity (defaults: kind visit, now, subject from the account); a visit or call dated later is planned. followUp: also create the task its next steps call for',
      body: activityCreateSchema,
      response: { 201: activitySchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createActivity(ctx, request.body))),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One activity', params, response: { 200: activitySchema } },
    handler: async (request) => request.run((ctx) => activityDetail(ctx, request.params.id)),
  });
  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change an activity',
      params,
      body: activityPatchSchema,
      response: { 200: activitySchema },
    },
    handler: async (request) => request.run((ctx) => patchActivity(ctx, request.params.id, request.body)),
  });
  app.post('/:id/complete', {
    schema: {
      tags,
      summary:
        'Log a planned visit or call: it becomes done with its report (no second activity); followUp creates the next-step task',
      params,
      body: activityCompleteSchema,
      response: { 200: activitySchema },
    },
    handler: async (request) => request.run((ctx) => completeActivity(ctx, request.params.id, request.body)),
  });
  app.post('/:id/follow-up', {
    schema: {
      tags,
      summary:
        "Make the task a visit's or call's next steps call for (subject defaults to their first line); one per activity",
      params,
      body: followUpSchema,
      response: { 201: activitySchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await request.run((ctx) => followUpActivity(ctx, request.params.id, request.body))),
  });
  app.post('/:id/done', {
    schema: {
      tags,
      summary: 'Mark a task done (or not done with {done:false})',
      params,
      body: z.strictObject({ done: z.boolean().default(true) }).optional(),
      response: { 200: activitySchema },
    },
    handler: async (request) =>
      request.run((ctx) => markDone(ctx, request.params.id, request.body?.done ?? true)),
  });
  app.delete('/:id', {
    schema: { tags, summary: 'Delete an activity', params, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteActivity(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  registerGrantRoutes(app, {
    basePath: '',
    recordType: 'activity',
    table: 'activities',
    tag: 'activities',
  });
}

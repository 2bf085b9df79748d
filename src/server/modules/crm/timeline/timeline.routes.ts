import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { accountOr404, decodeBefore, encodeBefore } from './timeline.service.js';

const entrySchema = z.object({
  type: z.string(),
  id: z.string(),
  at: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  url: z.string(),
  actorName: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
});

/** An account's merged timeline (CRM-6), registered under /api/v1. */
export async function timelineRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.get('/accounts/:id/timeline', {
    schema: {
      tags: ['accounts'],
      summary: "An account's merged timeline (activities, offers, documents, and what other modules add)",
      params: z.object({ id: z.string().uuid() }),
      querystring: z.object({
        types: z
          .string()
          .max(200)
          .regex(/^[a-z_]+(,[a-z_]+)*$/, 'Comma-separated types.')
          .optional(),
        cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
        before: z
          .string()
          .datetime({ offset: true })
          .optional()
          .describe('Entries strictly before this instant (what the cursor holds)'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: {
        200: z.object({
          items: z.array(entrySchema),
          nextCursor: z.string().nullable(),
          total: z.number().int(),
          totalAtLeast: z.boolean().optional(),
          nextBefore: z.string().nullable(),
          types: z.array(z.string()),
        }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await accountOr404(ctx, request.params.id, 'timeline');
        const { types, cursor, limit } = request.query;
        const before = cursor ? decodeBefore(cursor) : request.query.before;
        const wanted = types?.split(',');
        const items = await deps.points.timeline(ctx, request.params.id, { before, limit, types: wanted });
        const nextBefore = items.length === limit ? items[items.length - 1].at : null;
        return {
          items,
          nextCursor: nextBefore ? encodeBefore(nextBefore) : null,
          ...(await deps.points.timelineTotal(ctx, request.params.id, wanted)),
          nextBefore,
          types: [...deps.points.timelineProviders.keys()],
        };
      }),
  });
}

import { z } from 'zod';
import { decodeCursor, pageSchema, pagingSchema, toPage } from '../../platform/list-query.js';
import type { RelaisModule } from '../../platform/module.js';
import { registerEventStream } from './events.routes.js';
import { registerOutboxRoutes } from './outbox.routes.js';

const searchHitSchema = z.object({
  type: z.string(),
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  url: z.string(),
});

/** Health, the global search (Ctrl+K), the real-time event stream, and the mail outbox. */
export const systemModule: RelaisModule = {
  name: 'system',
  async register(app, deps) {
    app.get('/api/v1/health', {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database kind',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            version: z.string(),
          }),
        },
      },
      handler: async () => {
        await deps.db.query('select 1');
        return { status: 'ok' as const, database: deps.db.kind, version: deps.config.version };
      },
    });

    app.get('/api/v1/search', {
      schema: {
        tags: ['system'],
        summary:
          'Global search across every record type the user may see, best first; `total` counts the hits found among the best of each type (`totalIsExact` false when a type had more)',
        querystring: pagingSchema({ defaultLimit: 20, maxLimit: 100 }).extend({
          q: z.string().trim().min(1).max(200),
          types: z
            .string()
            .max(200)
            .optional()
            .describe('Comma-separated: person, account, contact, offer, knowledge…'),
        }),
        response: { 200: pageSchema(searchHitSchema).extend({ totalIsExact: z.boolean() }) },
      },
      handler: async (request) => {
        const types = request.query.types
          ?.split(',')
          .map((type) => type.trim())
          .filter(Boolean);
        const unknown = types?.filter((type) => !deps.search.types.includes(type)) ?? [];
        if (unknown.length > 0) {
          const { validationError } = await import('../../platform/errors.js');
          throw validationError([
            {
              field: 'types',
              message: `Unknown types: ${unknown.join(', ')}. Known: ${deps.search.types.join(', ')}.`,
              code: 'unknown_type',
            },
          ]);
        }
        const { q, limit, cursor } = request.query;
        const offset = decodeCursor(cursor);
        // Each type is asked for enough hits to fill this page and tell whether another follows.
        const perType = offset + limit + 1;
        const hits = await request.run((ctx) => deps.search.search(ctx, q, types, perType));
        const counts = new Map<string, number>();
        for (const hit of hits) counts.set(hit.type, (counts.get(hit.type) ?? 0) + 1);
        const page = toPage(
          hits.slice(offset, offset + limit + 1).map(({ score: _score, ...hit }) => hit),
          { limit },
          offset,
          hits.length,
        );
        return { ...page, totalIsExact: [...counts.values()].every((count) => count < perType) };
      },
    });

    await registerEventStream(app, deps);
    await registerOutboxRoutes(app, deps);
  },
};

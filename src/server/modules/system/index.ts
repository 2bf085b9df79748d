import { z } from 'zod';
import type { RelaisModule } from '../index.js';
import { registerEventStream } from './events.routes.js';

const searchHitSchema = z.object({ type: z.string(), id: z.string(), title: z.string(), subtitle: z.string().nullable(), url: z.string() });

/** Health, the global search (Ctrl+K), and the real-time event stream. */
export const systemModule: RelaisModule = {
  name: 'system',
  async register(app, deps) {
    app.get('/api/v1/health', {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Liveness and database kind', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) } },
      handler: async () => {
        await deps.db.query('select 1');
        return { status: 'ok' as const, database: deps.db.kind, version: deps.config.version };
      },
    });

    app.get('/api/v1/search', {
      schema: {
        tags: ['system'],
        summary: 'Global search across every record type the user may see',
        querystring: z.object({
          q: z.string().trim().min(1).max(200),
          types: z.string().max(200).optional().describe('Comma-separated: person, account, contact, offer, knowledge…'),
          limit: z.coerce.number().int().min(1).max(50).default(8),
        }),
        response: { 200: z.object({ items: z.array(searchHitSchema) }) },
      },
      handler: async (request) => {
        const types = request.query.types?.split(',').map((type) => type.trim()).filter(Boolean);
        const unknown = types?.filter((type) => !deps.search.types.includes(type)) ?? [];
        if (unknown.length > 0) {
          const { validationError } = await import('../../platform/errors.js');
          throw validationError([{ field: 'types', message: `Unknown types: ${unknown.join(', ')}. Known: ${deps.search.types.join(', ')}.`, code: 'unknown_type' }]);
        }
        const hits = await request.run((ctx) => deps.search.search(ctx, request.query.q, types, request.query.limit));
        return { items: hits.map(({ score: _score, ...hit }) => hit) };
      },
    });

    await registerEventStream(app, deps);
  },
};

import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import { notFound } from '../../../platform/errors.js';

const ENTITIES = ['account', 'contact'] as const;
const viewSchema = z.object({ id: z.string(), entity: z.enum(ENTITIES), name: z.string(), query: z.record(z.string(), z.string()), createdAt: z.string() });
const toView = (row: any) => ({ id: row.id, entity: row.entity, name: row.name, query: row.query, createdAt: row.created_at });

/** Personal saved views of a list (filters and sort as query parameters); each user sees only theirs. */
export async function registerSavedViewRoutes(app: RelaisApp) {
  app.get('/api/v1/saved-views', {
    schema: {
      tags: ['crm'],
      summary: 'My saved views of a list',
      querystring: z.object({ entity: z.enum(ENTITIES) }),
      response: { 200: z.object({ items: z.array(viewSchema) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => ({
        items: (await ctx.tx.query(`select * from saved_views where user_id = $1 and entity = $2 order by lower(name)`, [ctx.actor.userId, request.query.entity])).map(toView),
      })),
  });
  app.post('/api/v1/saved-views', {
    schema: {
      tags: ['crm'],
      summary: 'Save the current filters and sort of a list under a name',
      body: z.strictObject({
        entity: z.enum(ENTITIES),
        name: z.string().trim().min(1).max(80),
        query: z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.string().max(500)).refine((query) => Object.keys(query).length <= 20, 'At most 20 parameters.'),
      }),
      response: { 201: viewSchema },
    },
    handler: async (request, reply) => {
      const { entity, name, query } = request.body;
      const view = await request.run(async (ctx) => {
        const [row] = await ctx.tx.query(`insert into saved_views (user_id, entity, name, query) values ($1, $2, $3, $4) returning *`, [ctx.actor.userId, entity, name, query]);
        return toView(row);
      });
      return reply.status(201).send(view);
    },
  });
  app.delete('/api/v1/saved-views/:id', {
    schema: { tags: ['crm'], summary: 'Delete one of my saved views', params: z.object({ id: z.string().uuid() }), response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run(async (ctx) => {
        const rows = await ctx.tx.query(`delete from saved_views where id = $1 returning id`, [request.params.id]);
        if (!rows[0]) throw notFound('saved view');
      });
      return reply.status(204).send(null);
    },
  });
}

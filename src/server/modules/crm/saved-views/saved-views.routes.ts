import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { listSavedViews, removeSavedView, saveView } from './saved-views.service.js';

const ENTITIES = ['account', 'contact'] as const;
const viewSchema = z.object({
  id: z.string(),
  entity: z.enum(ENTITIES),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.string(),
});

/** Personal saved views of a list (filters and sort as query parameters); each user sees only theirs. */
export async function savedViewRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: ['crm'],
      summary: 'My saved views of a list',
      querystring: pagingSchema({ defaultLimit: 500 }).extend({ entity: z.enum(ENTITIES) }),
      response: { 200: pageSchema(viewSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await listSavedViews(ctx, request.query.entity), request.query)),
  });
  app.post('', {
    schema: {
      tags: ['crm'],
      summary: 'Save the current filters and sort of a list under a name',
      body: z.strictObject({
        entity: z.enum(ENTITIES),
        name: z.string().trim().min(1).max(80),
        query: z
          .record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.string().max(500))
          .refine((query) => Object.keys(query).length <= 20, 'At most 20 parameters.'),
      }),
      response: { 201: viewSchema },
    },
    handler: async (request, reply) => {
      const { entity, name, query } = request.body;
      const view = await request.run((ctx) => saveView(ctx, { entity, name, query }));
      return reply.status(201).send(view);
    },
  });
  app.delete('/:id', {
    schema: {
      tags: ['crm'],
      summary: 'Delete one of my saved views',
      params: z.object({ id: z.string().uuid() }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => removeSavedView(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
}

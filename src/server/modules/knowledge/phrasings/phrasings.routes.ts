import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { idParams } from '../items/items.schemas.js';
import { phrasingsOf, removeItemPhrasing } from './phrasings.service.js';

const tags = ['knowledge'];

const phrasingSchema = z.object({
  id: z.string(),
  text: z.string().describe('The question as first asked'),
  source: z.enum(['useful', 'reuse']).describe('How it was learned: "utile" or "Utiliser cette réponse"'),
  uses: z.number().describe('How many times this wording led someone to this item'),
  status: z.enum(['kept', 'removed']),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  askedBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('Who first asked it: experts and admins only (null for others)'),
});

/** KB-3 item 5: the questions people found an item with (under /api/v1/knowledge). */
export async function phrasingRoutes(app: RelaisApp) {
  app.get('/:id/phrasings', {
    schema: {
      tags,
      summary:
        'Questions that led people to this item, learned from "utile" and "Use this answer"; part of its search words while kept (removed ones: experts only)',
      params: idParams,
      querystring: pagingSchema({ defaultLimit: 50, maxLimit: 200 }),
      response: { 200: pageSchema(phrasingSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await phrasingsOf(ctx, request.params.id), request.query)),
  });

  app.delete('/:id/phrasings/:phrasingId', {
    config: { roles: ['expert', 'admin'] },
    schema: {
      tags,
      summary:
        'Take a phrasing out of the search (experts): it stays listed as removed and is not learned again',
      params: idParams.extend({ phrasingId: z.string().uuid() }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => removeItemPhrasing(ctx, request.params.id, request.params.phrasingId));
      return reply.status(204).send(null);
    },
  });
}

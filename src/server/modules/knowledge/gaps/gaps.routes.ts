import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray } from '../../../platform/list-query.js';
import {
  gapPageSchema,
  gapsQuerySchema,
  searchSignalBodySchema,
  writeAnswerBodySchema,
  writeAnswerResultSchema,
} from './gaps.schemas.js';
import { listGaps, signalSearch, writeGapAnswer } from './gaps.service.js';

const tags = ['knowledge'];
/** The most groups the page computes (then paged). */
const MAX_GROUPS = 200;

/** KB-8 knowledge gaps (under /api/v1/knowledge). */
export async function gapRoutes(app: RelaisApp) {
  app.get('/gaps', {
    config: { roles: ['expert', 'admin'] },
    schema: {
      tags,
      summary:
        'Questions the base did not answer (nothing found, no validated answer, nothing opened, not useful, asked again), grouped by wording (experts)',
      querystring: gapsQuerySchema,
      response: { 200: gapPageSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) =>
        pageArray(await listGaps(ctx, { days: request.query.days, limit: MAX_GROUPS }), request.query),
      ),
  });

  app.post('/gaps/answer', {
    config: { roles: ['expert', 'admin'] },
    schema: {
      tags,
      summary:
        '"Write the answer": a draft answer listing the group\'s questions; those who asked are notified when it is published',
      body: writeAnswerBodySchema,
      response: { 200: writeAnswerResultSchema, 201: writeAnswerResultSchema },
    },
    handler: async (request, reply) => {
      const result = await request.run((ctx) => writeGapAnswer(ctx, request.body.key));
      return reply
        .status(result.created ? 201 : 200)
        .send({ itemId: result.item.id, title: result.item.title, created: result.created });
    },
  });

  app.post('/searches/:searchId/signal', {
    schema: {
      tags,
      summary: 'What the searcher did with the results of their search: opened one, useful, not useful',
      params: z.object({ searchId: z.string().uuid() }),
      body: searchSignalBodySchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => signalSearch(ctx, request.params.searchId, request.body.signal));
      return reply.status(204).send(null);
    },
  });
}

import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema } from '../../../platform/list-query.js';
import { followListQuerySchema, followSchema, targetSchema } from './follows.schemas.js';
import { follow, listMyFollows, unfollow } from './follows.service.js';

/**
 * Follows (PUSH-3), registered under `/follows`: a user asks to be told when a product, item,
 * situation, account, segment or tag changes.
 */
export async function followRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: ['push'],
      summary: 'What I follow, newest first',
      querystring: followListQuerySchema,
      response: { 200: pageSchema(followSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) =>
        pageArray(await listMyFollows(ctx, request.query.targetType), request.query),
      ),
  });

  app.post('', {
    schema: {
      tags: ['push'],
      summary: 'Follow something (idempotent)',
      body: targetSchema,
      response: { 201: followSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await request.run((ctx) => follow(ctx, request.body.targetType, request.body.targetId))),
  });

  app.delete('', {
    schema: {
      tags: ['push'],
      summary: 'Stop following',
      querystring: targetSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => unfollow(ctx, request.query.targetType, request.query.targetId));
      return reply.status(204).send(null);
    },
  });
}

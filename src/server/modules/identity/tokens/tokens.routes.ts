import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { idParamsSchema } from '../shared/schemas.js';
import { tokenCreateSchema, tokenSchema } from './tokens.schemas.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

/** The signed-in user's personal API tokens, registered under `/api/v1/me/tokens`. */
export const tokensRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    schema: {
      tags: ['identity'],
      summary: 'My personal API tokens, newest first',
      querystring: pagingSchema({ defaultLimit: 100 }),
      response: { 200: pageSchema(tokenSchema) },
    },
    handler: async (request) => request.run((ctx) => listTokens(ctx, request.query)),
  });

  app.post('', {
    schema: {
      tags: ['identity'],
      summary: 'Create a personal API token (shown once)',
      body: tokenCreateSchema,
      response: { 201: tokenSchema.extend({ token: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createToken(ctx, request.body.name))),
  });

  app.delete('/:id', {
    schema: {
      tags: ['identity'],
      summary: 'Revoke one of my API tokens',
      params: idParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => revokeToken(ctx, request.params.id));
      // A revoked token must stop working at once, not when the credentials cache expires.
      deps.credentials.forget();
      return reply.status(204).send(null);
    },
  });
};

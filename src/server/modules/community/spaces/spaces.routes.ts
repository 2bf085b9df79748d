import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { spaceCreateSchema, spaceListQuerySchema, spaceSchema } from './spaces.schemas.js';
import { createSpace, findSpaces } from './spaces.service.js';

const tags = ['community'];

/** Spaces, registered under `/api/v1/community/spaces`: HTTP only, rules in the service. */
export const spacesRoutes: RelaisPlugin = async (app) => {
  app.get('', {
    schema: {
      tags,
      summary: 'The community spaces the signed-in user sees',
      querystring: spaceListQuerySchema,
      response: { 200: pageSchema(spaceSchema) },
    },
    handler: async (request) => request.run((ctx) => findSpaces(ctx, request.query)),
  });
  app.post('', {
    schema: {
      tags,
      summary: 'Open a community space',
      body: spaceCreateSchema,
      response: { 201: spaceSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createSpace(ctx, request.body))),
  });
};

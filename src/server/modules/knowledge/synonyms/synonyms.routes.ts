import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray } from '../../../platform/list-query.js';
import { idParams } from '../items/items.schemas.js';
import {
  synonymGroupBodySchema,
  synonymGroupSchema,
  synonymPageSchema,
  synonymsQuerySchema,
} from './synonyms.schemas.js';
import {
  createSynonymGroup,
  deleteSynonymGroup,
  listSynonymGroups,
  updateSynonymGroup,
} from './synonyms.service.js';

const tags = ['knowledge'];
const experts = { roles: ['expert' as const, 'admin' as const] };

/** KB-3 item 4: the synonyms of the search (under /api/v1/knowledge); everyone reads, experts write. */
export async function synonymRoutes(app: RelaisApp) {
  app.get('/synonyms', {
    schema: {
      tags,
      summary: 'Synonym groups of the knowledge search (French and English terms that mean the same)',
      querystring: synonymsQuerySchema,
      response: { 200: synonymPageSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await listSynonymGroups(ctx, request.query.q), request.query)),
  });

  app.post('/synonyms', {
    config: experts,
    schema: {
      tags,
      summary: 'Add a synonym group (experts): the search uses it at once',
      body: synonymGroupBodySchema,
      response: { 201: synonymGroupSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createSynonymGroup(ctx, request.body))),
  });

  app.put('/synonyms/:id', {
    config: experts,
    schema: {
      tags,
      summary: 'Replace the terms of a synonym group (experts)',
      params: idParams,
      body: synonymGroupBodySchema,
      response: { 200: synonymGroupSchema },
    },
    handler: async (request) =>
      request.run((ctx) => updateSynonymGroup(ctx, request.params.id, request.body)),
  });

  app.delete('/synonyms/:id', {
    config: experts,
    schema: {
      tags,
      summary: 'Delete a synonym group (experts)',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteSynonymGroup(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
}

import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { idParams } from '../items/items.schemas.js';
import { linkSchema, situationBody, situationDetail, situationSchema } from './situations.schemas.js';
import {
  accountSituations,
  attachSituation,
  createSituation,
  decideSituation,
  deleteSituation,
  getSituation,
  listSituations,
  updateSituation,
} from './situations.service.js';

const tags = ['situations'];
/** KB-5: the catalogue of situations and their attachment to accounts and contacts (under /api/v1). */
export async function situationRoutes(app: RelaisApp) {
  app.get('/situations', {
    schema: {
      tags,
      summary: 'The catalogue of customer situations, by name',
      querystring: pagingSchema({ defaultLimit: 500 }).extend({ q: z.string().max(200).optional() }),
      response: { 200: pageSchema(situationSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await listSituations(ctx, request.query.q), request.query)),
  });
  app.post('/situations', {
    schema: {
      tags,
      summary: 'Add a situation (experts and admins)',
      body: situationBody,
      response: { 201: situationDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createSituation(ctx, request.body))),
  });
  app.get('/situations/:id', {
    schema: {
      tags,
      summary: 'A situation with its knowledge, products and accounts',
      params: idParams,
      response: { 200: situationDetail },
    },
    handler: async (request) => request.run((ctx) => getSituation(ctx, request.params.id)),
  });
  app.patch('/situations/:id', {
    schema: {
      tags,
      summary: 'Change a situation (experts and admins)',
      params: idParams,
      body: situationBody.partial(),
      response: { 200: situationDetail },
    },
    handler: async (request) => request.run((ctx) => updateSituation(ctx, request.params.id, request.body)),
  });
  app.delete('/situations/:id', {
    schema: {
      tags,
      summary: 'Remove a situation (experts and admins)',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteSituation(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  app.get('/accounts/:id/situations', {
    schema: {
      tags,
      summary: "An account's situations (declared and suggested)",
      params: idParams,
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(linkSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await accountSituations(ctx, request.params.id), request.query)),
  });
  app.post('/accounts/:id/situations', {
    schema: {
      tags,
      summary: 'Declare a situation on an account or one of its contacts',
      params: idParams,
      body: z.strictObject({
        situationId: z.string().uuid(),
        contactId: z.string().uuid().optional(),
        reason: z.string().max(500).optional(),
      }),
      response: { 201: linkSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await request.run((ctx) => attachSituation(ctx, request.params.id, request.body))),
  });
  app.patch('/account-situations/:id', {
    schema: {
      tags,
      summary: 'Confirm or dismiss a suggested situation',
      params: idParams,
      body: z.strictObject({ status: z.enum(['confirmed', 'dismissed']) }),
      response: { 200: linkSchema },
    },
    handler: async (request) =>
      request.run((ctx) => decideSituation(ctx, request.params.id, request.body.status)),
  });
}

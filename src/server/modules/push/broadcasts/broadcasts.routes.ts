import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { BROADCASTER_ROLES } from './broadcasts.policy.js';
import {
  audienceSchema,
  broadcastCreateSchema,
  broadcastIdParamsSchema,
  broadcastListQuerySchema,
  broadcastSchema,
  receiptsPageSchema,
  receiptsQuerySchema,
} from './broadcasts.schemas.js';
import {
  acknowledgeBroadcast,
  createBroadcast,
  listBroadcasts,
  listReceipts,
  openBroadcast,
  previewAudience,
  setBroadcastActive,
} from './broadcasts.service.js';

const TAG = 'push';
const MANAGERS = { roles: BROADCASTER_ROLES };

/** Broadcasts and seasonal pushes (PUSH-4), registered under `/broadcasts`. */
export async function broadcastRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: [TAG],
      summary: 'Broadcasts I received (or wrote, or manage)',
      querystring: broadcastListQuerySchema,
      response: { 200: pageSchema(broadcastSchema) },
    },
    handler: async (request) => request.run((ctx) => listBroadcasts(ctx, request.query)),
  });

  app.post('/audience-preview', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary:
        'How many people an audience reaches, as its author may reach them (own teams; accounts they may see)',
      body: z.strictObject({ audience: audienceSchema }),
      response: { 200: z.object({ count: z.number().int() }) },
    },
    handler: async (request) => request.run((ctx) => previewAudience(ctx, request.body.audience)),
  });

  app.post('', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Broadcast to an audience now, at a date, or every year over a season',
      body: broadcastCreateSchema,
      response: { 201: broadcastSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createBroadcast(ctx, request.body))),
  });

  app.get('/:id', {
    schema: {
      tags: [TAG],
      summary: 'One broadcast, with my read receipt; opening it as a recipient counts as reading it',
      params: broadcastIdParamsSchema,
      response: { 200: broadcastSchema },
    },
    handler: async (request) => request.run((ctx) => openBroadcast(ctx, request.params.id)),
  });

  app.patch('/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Stop (or resume) a scheduled or seasonal broadcast',
      params: broadcastIdParamsSchema,
      body: z.strictObject({ active: z.boolean() }),
      response: { 200: broadcastSchema },
    },
    handler: async (request) =>
      request.run((ctx) => setBroadcastActive(ctx, request.params.id, request.body.active)),
  });

  app.post('/:id/ack', {
    schema: {
      tags: [TAG],
      summary: 'Acknowledge a broadcast that requires it (also marks it read)',
      params: broadcastIdParamsSchema,
      response: { 200: z.object({ ackedAt: z.string() }) },
    },
    handler: async (request) => request.run((ctx) => acknowledgeBroadcast(ctx, request.params.id)),
  });

  app.get('/:id/receipts', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Read receipts: who read, who acknowledged, who was reminded',
      params: broadcastIdParamsSchema,
      querystring: receiptsQuerySchema,
      response: { 200: receiptsPageSchema },
    },
    handler: async (request) => request.run((ctx) => listReceipts(ctx, request.params.id, request.query)),
  });
}

import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps } from '../../../platform/context.js';
import { decodeCursor, pageSchema, pagingSchema, toPage } from '../../../platform/list-query.js';
import { notFound } from '../../../platform/errors.js';
import { idParams } from '../items/items.schemas.js';
import { SEND_WARNINGS, sendBody, sendResult, sendSchema } from './send.schemas.js';
import {
  listSends,
  previewSend,
  recordTracking,
  sendToClient,
  trackingKey,
  verifyToken,
} from './send.service.js';

const tags = ['knowledge'];
// A transparent 1×1 GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** KB-6: send to client, the sends log, and the public open/click tracking routes (under /api/v1). */
export async function sendRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.post('/knowledge/:id/send', {
    schema: {
      tags,
      summary: 'E-mail this item (and its attachments) to a contact; logged as an activity',
      params: idParams,
      body: sendBody,
      response: { 201: sendResult },
    },
    handler: async (request, reply) => {
      const key = await trackingKey(deps.db);
      return reply
        .status(201)
        .send(
          await request.run((ctx) => sendToClient(ctx, { ...request.body, itemId: request.params.id }, key)),
        );
    },
  });
  app.post('/knowledge/:id/send/preview', {
    schema: {
      tags,
      summary:
        'The mail sending this item would send (nothing is sent), with warnings: item not published (draft, stale…), contact without consent or address',
      params: idParams,
      body: z.strictObject({
        contactId: z.string().uuid().optional(),
        subject: z.string().trim().max(200).optional(),
        message: z.string().trim().max(10_000).default(''),
      }),
      response: {
        200: z.object({
          to: z.string().nullable(),
          subject: z.string(),
          html: z.string(),
          attachments: z.array(z.string()),
          warnings: z.array(z.enum(SEND_WARNINGS)),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => previewSend(ctx, request.params.id, request.body)),
  });
  app.post('/products/:id/send', {
    schema: {
      tags,
      summary: 'E-mail a product sheet (and its brochures) to a contact; logged as an activity',
      params: idParams,
      body: sendBody,
      response: { 201: sendResult },
    },
    handler: async (request, reply) => {
      const key = await trackingKey(deps.db);
      return reply
        .status(201)
        .send(
          await request.run((ctx) =>
            sendToClient(ctx, { ...request.body, productId: request.params.id }, key),
          ),
        );
    },
  });
  app.get('/knowledge/sends', {
    schema: {
      tags,
      summary: 'What was sent to clients (the outbox when SMTP is not configured), with opens and clicks',
      querystring: pagingSchema({ maxLimit: 200 }).extend({ itemId: z.string().uuid().optional() }),
      response: { 200: pageSchema(sendSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const offset = decodeCursor(request.query.cursor);
        const { items, total } = await listSends(ctx, {
          itemId: request.query.itemId,
          limit: request.query.limit + 1,
          offset,
        });
        return toPage(items, request.query, offset, total);
      }),
  });

  app.get('/t/o/:token', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Open-tracking pixel of an e-mail sent to a client (signed token; answers a GIF)',
      params: z.object({ token: z.string().max(120) }),
    },
    handler: async (request, reply) => {
      const verified = verifyToken(await trackingKey(deps.db), request.params.token.replace(/\.gif$/, ''));
      if (verified?.part === 'o') await recordTracking(deps.db, verified.sendId, 'o');
      // Loaded by mail clients from other origins: helmet's same-origin resource policy would block it.
      return reply
        .type('image/gif')
        .header('cache-control', 'no-store, max-age=0')
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(PIXEL);
    },
  });
  app.get('/t/c/:token', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Tracked link of an e-mail sent to a client (signed token; redirects)',
      params: z.object({ token: z.string().max(120) }),
    },
    handler: async (request, reply) => {
      const verified = verifyToken(await trackingKey(deps.db), request.params.token);
      const link =
        verified && verified.part !== 'o'
          ? await recordTracking(deps.db, verified.sendId, verified.part)
          : null;
      if (!link) throw notFound('link');
      return reply.header('cache-control', 'no-store').redirect(link, 302);
    },
  });
}

import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import type { AppDeps } from '../../platform/context.js';
import { idParams } from './items.schemas.js';
import { listSends, recordTracking, sendToClient, trackingKey, verifyToken } from './send.service.js';

const tags = ['knowledge'];
const sendBody = z.strictObject({
  contactId: z.string().uuid(),
  accountId: z.string().uuid().optional(),
  subject: z.string().trim().max(200).optional(),
  message: z.string().trim().min(1).max(10_000),
});
const sendResult = z.object({ id: z.string(), status: z.enum(['sent', 'stored']), to: z.string(), subject: z.string(), activityId: z.string(), mailMessageId: z.string(), attachments: z.array(z.string()) });
const sendSchema = z.object({
  id: z.string(), itemId: z.string().nullable(), productId: z.string().nullable(), accountId: z.string(), accountName: z.string().nullable(), contactId: z.string(),
  contactName: z.string().nullable(), to: z.string(), subject: z.string(), status: z.string(), openCount: z.number(), firstOpenedAt: z.string().nullable(),
  clickCount: z.number(), firstClickedAt: z.string().nullable(), activityId: z.string().nullable(), sentAt: z.string(), sentByName: z.string().nullable(),
});
// A transparent 1×1 GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** KB-6: send to client, the sends log, and the public open/click tracking routes. */
export async function registerSendRoutes(app: RelaisApp, deps: AppDeps) {
  app.post('/api/v1/knowledge/:id/send', {
    schema: { tags, summary: 'E-mail this item (and its attachments) to a contact; logged as an activity', params: idParams, body: sendBody, response: { 201: sendResult } },
    handler: async (request, reply) => {
      const key = await trackingKey(deps.db);
      return reply.status(201).send(await request.run((ctx) => sendToClient(ctx, { ...request.body, itemId: request.params.id }, key)));
    },
  });
  app.post('/api/v1/products/:id/send', {
    schema: { tags, summary: 'E-mail a product sheet (and its brochures) to a contact; logged as an activity', params: idParams, body: sendBody, response: { 201: sendResult } },
    handler: async (request, reply) => {
      const key = await trackingKey(deps.db);
      return reply.status(201).send(await request.run((ctx) => sendToClient(ctx, { ...request.body, productId: request.params.id }, key)));
    },
  });
  app.get('/api/v1/knowledge/sends', {
    schema: { tags, summary: 'What was sent to clients (the outbox when SMTP is not configured), with opens and clicks', querystring: z.object({ itemId: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.object({ items: z.array(sendSchema) }) } },
    handler: async (request) => request.run(async (ctx) => ({ items: await listSends(ctx, request.query) })),
  });

  app.get('/api/v1/t/o/:token', {
    config: { public: true },
    schema: { tags, summary: 'Open-tracking pixel of an e-mail sent to a client (signed token; answers a GIF)', params: z.object({ token: z.string().max(120) }) },
    handler: async (request, reply) => {
      const verified = verifyToken(await trackingKey(deps.db), request.params.token.replace(/\.gif$/, ''));
      if (verified?.part === 'o') await recordTracking(deps.db, verified.sendId, 'o');
      return reply.type('image/gif').header('cache-control', 'no-store, max-age=0').send(PIXEL);
    },
  });
  app.get('/api/v1/t/c/:token', {
    config: { public: true },
    schema: { tags, summary: 'Tracked link of an e-mail sent to a client (signed token; redirects)', params: z.object({ token: z.string().max(120) }) },
    handler: async (request, reply) => {
      const verified = verifyToken(await trackingKey(deps.db), request.params.token);
      const link = verified && verified.part !== 'o' ? await recordTracking(deps.db, verified.sendId, verified.part) : null;
      if (!link) {
        const { notFound } = await import('../../platform/errors.js');
        throw notFound('link');
      }
      return reply.header('cache-control', 'no-store').redirect(link, 302);
    },
  });
}

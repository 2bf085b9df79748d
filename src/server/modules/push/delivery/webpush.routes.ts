import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { notFound } from '../../../platform/errors.js';
import { deleteSubscriptionByEndpoint } from './delivery.repository.js';
import { SERVICE_WORKER } from './service-worker.js';
import { ensureVapidKeys, subscribeBrowser } from './webpush.js';

const TAG = 'push';

/** The service worker, served at the root so that its scope is the whole app. */
export async function serviceWorkerRoute(app: RelaisApp) {
  app.get('/push-sw.js', {
    config: { public: true },
    schema: { hide: true },
    handler: async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('service-worker-allowed', '/')
        .header('cache-control', 'no-cache')
        .send(SERVICE_WORKER),
  });
}

/** Web push subscriptions (PUSH-6), registered under `/push`. */
export async function webPushRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.get('/webpush/key', {
    schema: {
      tags: [TAG],
      summary: 'The VAPID public key to subscribe a browser to web push',
      response: { 200: z.object({ publicKey: z.string() }) },
    },
    handler: async () => ({ publicKey: (await ensureVapidKeys(deps.db, deps)).publicKey }),
  });

  app.post('/subscriptions', {
    schema: {
      tags: [TAG],
      summary:
        "Register this browser's push subscription (PushSubscription.toJSON()): an https endpoint on a public host",
      body: z.object({
        endpoint: z.string().url().max(2000),
        keys: z.strictObject({
          p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}=*$/, 'A base64url P-256 public key.'),
          auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}=*$/, 'A base64url 16-byte secret.'),
        }),
        expirationTime: z.number().nullable().optional(),
      }),
      response: { 201: z.object({ id: z.string() }) },
    },
    handler: async (request, reply) => {
      const id = await subscribeBrowser(deps, request.actor!.userId, request.run.bind(request), {
        endpoint: request.body.endpoint,
        keys: request.body.keys,
        userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
      });
      return reply.status(201).send({ id });
    },
  });

  app.delete('/subscriptions', {
    schema: {
      tags: [TAG],
      summary: 'Unsubscribe this browser',
      querystring: z.object({ endpoint: z.string().url().max(2000) }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const deleted = await request.run((ctx) =>
        deleteSubscriptionByEndpoint(ctx.tx, request.query.endpoint),
      );
      if (!deleted) throw notFound('subscription');
      return reply.status(204).send(null);
    },
  });
}

import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import type { AppDeps } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, listQuerySchema, pageSchema, toPage } from '../../platform/list-query.js';
import { NOTIFICATION_KINDS } from './notify.js';
import { toPreferences } from './preferences.js';
import { ensureVapidKeys } from './webpush.js';

const TAG = 'push';
const idParams = z.object({ id: z.string().uuid() });
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  severity: z.string(),
  title: z.string(),
  body: z.string(),
  reason: z.string().nullable(),
  url: z.string().nullable(),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
  requiresAck: z.boolean(),
  ackDue: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export const toNotification = (row: any) => ({
  id: row.id, kind: row.kind, severity: row.severity, title: row.title, body: row.body, reason: row.reason, url: row.url,
  sourceType: row.source_type, sourceId: row.source_id, requiresAck: row.requires_ack, ackDue: row.ack_due,
  createdAt: row.created_at, readAt: row.read_at, acknowledgedAt: row.acknowledged_at,
});

const channelSchema = z.strictObject({ email: z.enum(['off', 'immediate', 'digest']), webpush: z.boolean() });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const preferencesSchema = z.object({
  channels: z.record(z.enum(NOTIFICATION_KINDS), channelSchema),
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
  timeZone: z.string(),
});
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export async function registerNotificationRoutes(app: RelaisApp, deps: AppDeps) {
  app.get('/api/v1/notifications', {
    schema: {
      tags: [TAG],
      summary: 'My notifications (the notification centre and the "for me" page), newest first',
      querystring: listQuerySchema.extend({
        unread: z.enum(['true', 'false']).optional(),
        kind: z.enum(NOTIFICATION_KINDS).optional(),
        q: z.string().trim().max(200).optional(),
        since: z.string().date().optional(),
        needsAck: z.enum(['true']).optional(),
      }),
      response: { 200: pageSchema(notificationSchema).extend({ unreadCount: z.number().int() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const query = request.query;
        const offset = decodeCursor(query.cursor);
        const where = `user_id = $1 and ($2::boolean is null or (read_at is null) = $2) and ($3::text is null or kind = $3)
                       and ($4::text is null or title ilike '%' || $4 || '%' or body ilike '%' || $4 || '%')
                       and ($5::date is null or created_at >= $5) and ($6::boolean is null or (requires_ack and acknowledged_at is null))`;
        const params = [ctx.actor.userId, query.unread ? query.unread === 'true' : null, query.kind ?? null, query.q || null, query.since ?? null, query.needsAck ? true : null];
        const rows = await ctx.tx.query(`select * from notifications where ${where} order by created_at desc, id desc limit ${query.limit + 1} offset ${offset}`, params);
        const [{ total }] = await ctx.tx.query<{ total: number }>(`select count(*)::int as total from notifications where ${where}`, params);
        const [{ unread }] = await ctx.tx.query<{ unread: number }>(`select count(*)::int as unread from notifications where user_id = $1 and read_at is null`, [ctx.actor.userId]);
        return { ...toPage(rows.map(toNotification), query, offset, total), unreadCount: unread };
      }),
  });

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags: [TAG], summary: 'How many of my notifications are unread (the bell)', response: { 200: z.object({ count: z.number().int() }) } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const [{ count }] = await ctx.tx.query<{ count: number }>(`select count(*)::int as count from notifications where user_id = $1 and read_at is null`, [ctx.actor.userId]);
        return { count };
      }),
  });

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: [TAG], summary: 'Mark one of my notifications read (a read receipt for broadcasts)', params: idParams, response: { 200: notificationSchema } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const [row] = await ctx.tx.query(`update notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning *`, [request.params.id, ctx.actor.userId]);
        if (!row) throw notFound('notification');
        await ctx.tx.query(`update broadcast_recipients set read_at = coalesce(read_at, now()) where notification_id = $1 and user_id = $2`, [row.id, ctx.actor.userId]);
        return toNotification(row);
      }),
  });

  app.post('/api/v1/notifications/read-all', {
    schema: { tags: [TAG], summary: 'Mark all my notifications read', response: { 200: z.object({ updated: z.number().int() }) } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const rows = await ctx.tx.query<{ id: string }>(`update notifications set read_at = now() where user_id = $1 and read_at is null returning id`, [ctx.actor.userId]);
        if (rows.length) await ctx.tx.query(`update broadcast_recipients set read_at = coalesce(read_at, now()) where user_id = $1 and notification_id = any ($2::uuid[])`, [ctx.actor.userId, rows.map((r) => r.id)]);
        return { updated: rows.length };
      }),
  });

  app.get('/api/v1/notifications/preferences', {
    schema: { tags: [TAG], summary: 'My channels per kind of notification and my quiet hours', response: { 200: preferencesSchema } },
    handler: async (request) =>
      request.run(async (ctx) => toPreferences((await ctx.tx.query<any>(`select * from notification_preferences where user_id = $1`, [ctx.actor.userId]))[0])),
  });

  app.put('/api/v1/notifications/preferences', {
    schema: {
      tags: [TAG],
      summary: 'Choose my channels per kind (e-mail off/immediate/digest, web push) and quiet hours',
      body: z.strictObject({
        channels: z.partialRecord(z.enum(NOTIFICATION_KINDS), channelSchema).default({}),
        quietHours: z.strictObject({ start: hhmm, end: hhmm }).refine((q) => q.start !== q.end, 'Start and end differ.').nullable().default(null),
        timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone.').default('Europe/Paris'),
      }),
      response: { 200: preferencesSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const { channels, quietHours, timeZone } = request.body;
        const [row] = await ctx.tx.query(
          `insert into notification_preferences (user_id, channels, quiet_start, quiet_end, time_zone, updated_at) values ($1, $2, $3, $4, $5, now())
           on conflict (user_id) do update set channels = excluded.channels, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
             time_zone = excluded.time_zone, updated_at = now() returning *`,
          [ctx.actor.userId, JSON.stringify(channels), quietHours?.start ?? null, quietHours?.end ?? null, timeZone],
        );
        return toPreferences(row as any);
      }),
  });

  app.get('/push-sw.js', {
    config: { public: true },
    schema: { hide: true },
    handler: async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('service-worker-allowed', '/').header('cache-control', 'no-cache').send(SERVICE_WORKER),
  });

  app.get('/api/v1/push/webpush/key', {
    schema: { tags: [TAG], summary: 'The VAPID public key to subscribe a browser to web push', response: { 200: z.object({ publicKey: z.string() }) } },
    handler: async () => ({ publicKey: (await ensureVapidKeys(deps.db, deps)).publicKey }),
  });

  app.post('/api/v1/push/subscriptions', {
    schema: {
      tags: [TAG],
      summary: "Register this browser's push subscription (PushSubscription.toJSON())",
      body: z.object({
        endpoint: z.string().url().max(2000).refine((url) => /^https?:\/\//.test(url), 'An http(s) URL.'),
        keys: z.strictObject({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}=*$/, 'A base64url P-256 public key.'), auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}=*$/, 'A base64url 16-byte secret.') }),
        expirationTime: z.number().nullable().optional(),
      }),
      response: { 201: z.object({ id: z.string() }) },
    },
    handler: async (request, reply) => {
      const { endpoint, keys } = request.body;
      // An endpoint belongs to one browser: re-subscribing moves it to the signed-in user.
      await deps.db.query(`delete from push_subscriptions where endpoint = $1 and user_id <> $2`, [endpoint, request.actor!.userId]);
      const id = await request.run(async (ctx) => {
        const [row] = await ctx.tx.query<{ id: string }>(
          `insert into push_subscriptions (user_id, endpoint, p256dh, auth, user_agent) values ($1, $2, $3, $4, $5)
           on conflict (endpoint) do update set p256dh = excluded.p256dh, auth = excluded.auth returning id`,
          [ctx.actor.userId, endpoint, keys.p256dh, keys.auth, String(request.headers['user-agent'] ?? '').slice(0, 300)],
        );
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  });

  app.delete('/api/v1/push/subscriptions', {
    schema: { tags: [TAG], summary: 'Unsubscribe this browser', querystring: z.object({ endpoint: z.string().url().max(2000) }), response: { 204: z.null() } },
    handler: async (request, reply) => {
      const rows = await request.run((ctx) => ctx.tx.query(`delete from push_subscriptions where endpoint = $1 returning id`, [request.query.endpoint]));
      if (rows.length === 0) throw notFound('subscription');
      return reply.status(204).send(null);
    },
  });
}

/** The service worker that shows web push messages (served at the root so its scope is the app). */
export const SERVICE_WORKER = `self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = { title: event.data && event.data.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || 'Relais', {
    body: data.body || '', tag: data.id, data: { url: data.url || '/notifications' }, icon: '/icon.svg', badge: '/icon.svg',
  }));
});
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
`;

import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { idParams, notificationListQuerySchema, notificationSchema } from './notifications.schemas.js';
import {
  countMyUnread,
  listMyNotifications,
  readAllNotifications,
  readNotification,
} from './notifications.service.js';

const TAG = 'push';

/** The notification centre (PUSH-5), registered under `/notifications`. */
export async function notificationRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: [TAG],
      summary: 'My notifications (the notification centre and the "for me" page), newest first',
      querystring: notificationListQuerySchema,
      response: { 200: pageSchema(notificationSchema).extend({ unreadCount: z.number().int() }) },
    },
    handler: async (request) => request.run((ctx) => listMyNotifications(ctx, request.query)),
  });

  app.get('/unread-count', {
    schema: {
      tags: [TAG],
      summary: 'How many of my notifications are unread (the bell)',
      response: { 200: z.object({ count: z.number().int() }) },
    },
    handler: async (request) => request.run(countMyUnread),
  });

  app.post('/:id/read', {
    schema: {
      tags: [TAG],
      summary: 'Mark one of my notifications read (a read receipt for broadcasts)',
      params: idParams,
      response: { 200: notificationSchema },
    },
    handler: async (request) => request.run((ctx) => readNotification(ctx, request.params.id)),
  });

  app.post('/read-all', {
    schema: {
      tags: [TAG],
      summary: 'Mark all my notifications read',
      response: { 200: z.object({ updated: z.number().int() }) },
    },
    handler: async (request) => request.run(readAllNotifications),
  });
}

import { z } from 'zod';
import { listQuerySchema } from '../../../platform/list-query.js';
import type { NotificationRow } from './notifications.repository.js';
import { NOTIFICATION_KINDS, type NotificationKind } from './notify.js';

export const idParams = z.object({ id: z.string().uuid() });

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
export type Notification = z.infer<typeof notificationSchema>;

export const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  severity: row.severity,
  title: row.title,
  body: row.body,
  reason: row.reason,
  url: row.url,
  sourceType: row.source_type,
  sourceId: row.source_id,
  requiresAck: row.requires_ack,
  ackDue: row.ack_due,
  createdAt: row.created_at,
  readAt: row.read_at,
  acknowledgedAt: row.acknowledged_at,
});

export const notificationListQuerySchema = listQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional(),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
  q: z.string().trim().max(200).optional(),
  since: z.string().date().optional(),
  needsAck: z.enum(['true']).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

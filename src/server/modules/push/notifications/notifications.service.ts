import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, toPage } from '../../../platform/list-query.js';
import {
  countUnread,
  findNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  markReceiptsRead,
} from './notifications.repository.js';
import { toNotification, type NotificationListQuery } from './notifications.schemas.js';

/** My notifications, newest first, with how many are unread (the notification centre). */
export async function listMyNotifications(ctx: Ctx, query: NotificationListQuery) {
  const offset = decodeCursor(query.cursor);
  const { rows, total } = await findNotifications(
    ctx.tx,
    {
      userId: ctx.actor.userId,
      unread: query.unread ? query.unread === 'true' : null,
      kind: query.kind ?? null,
      q: query.q || null,
      since: query.since ?? null,
      needsAck: query.needsAck ? true : null,
    },
    { limit: query.limit, offset },
  );
  const unreadCount = await countUnread(ctx.tx, ctx.actor.userId);
  return { ...toPage(rows.map(toNotification), query, offset, total), unreadCount };
}

export const countMyUnread = async (ctx: Ctx) => ({ count: await countUnread(ctx.tx, ctx.actor.userId) });

/** Reading a broadcast's notification is a read receipt for the broadcast. */
export async function readNotification(ctx: Ctx, id: string) {
  const row = await markNotificationRead(ctx.tx, id, ctx.actor.userId);
  if (!row) throw notFound('notification');
  await markReceiptsRead(ctx.tx, ctx.actor.userId, [row.id]);
  return toNotification(row);
}

export async function readAllNotifications(ctx: Ctx) {
  const ids = await markAllNotificationsRead(ctx.tx, ctx.actor.userId);
  if (ids.length) await markReceiptsRead(ctx.tx, ctx.actor.userId, ids);
  return { updated: ids.length };
}

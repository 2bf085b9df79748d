import type { Queryable } from '../../../db/client.js';
import type { Ctx } from '../../../platform/context.js';
import { validationError, type FieldError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { scopeAudience } from '../../push/index.js';
import { markdownToText } from '../markdown/markdown.js';
import { claimDuePush, duePushIds } from './push-delivery.repository.js';

/**
 * PUSH-1 for knowledge (issue 9 A11): a `push` item is delivered to its audience on publication
 * (or at its date), and again to that audience when a new version is validated. Knowledge claims
 * the version and emits `knowledge.push_due`; push resolves the audience as the item's owner may
 * address it, keeps those who may see the item, and notifies them on their channels.
 */
export type PushAudience = { teamIds: string[]; roles: string[] };

/** The audience as stored: teams checked against what the author may address (a broadcast's rule). */
export async function checkAudience(ctx: Ctx, audience: PushAudience): Promise<PushAudience> {
  const errors: FieldError[] = [];
  const scoped = await scopeAudience(ctx, audience, errors);
  if (errors.length) throw validationError(errors);
  return { teamIds: scoped.teamIds ?? [], roles: audience.roles };
}

/** Delivers the item's current version if it is due (see claimDuePush). */
export async function queuePush(
  tx: Queryable,
  itemId: string,
  actorId: string | null = null,
): Promise<boolean> {
  const due = await claimDuePush(tx, itemId);
  if (!due) return false;
  const audience = typeof due.push_audience === 'string' ? JSON.parse(due.push_audience) : due.push_audience;
  await emitEvent(tx, {
    type: 'knowledge.push_due',
    payload: {
      itemId: due.id,
      type: due.type,
      title: due.title,
      version: due.version,
      update: due.previous !== null,
      audience,
      authorId: due.owner_id,
      excerpt: markdownToText(due.excerpt).slice(0, 280),
    },
    actorId,
  });
  return true;
}

/** The scheduler: push items whose date has come. Runs as the system. */
export async function pushScheduledItems(tx: Queryable): Promise<number> {
  let count = 0;
  for (const id of await duePushIds(tx)) if (await queuePush(tx, id)) count += 1;
  return count;
}

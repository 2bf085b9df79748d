import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import type { DomainEvent } from '../../../platform/events.js';
import { sourcesOf } from '../shared/push-state.js';
import { resolveAudienceAs } from '../broadcasts/broadcasts.service.js';
import { createNotifications } from '../notifications/notify.js';

/**
 * Delivers a knowledge `push` item (PUSH-1, issue 9 A11): its audience, resolved as its owner may
 * address it (own teams and below; the whole company for an admin), minus the owner and anyone
 * who may not see the item, is notified on its channels as a broadcast — once per version; a
 * new version goes to the same audience as an update.
 */
/** What `knowledge.push_due` carries (see queuePush in the knowledge module). */
type KnowledgePushDue = {
  itemId: string;
  title: string;
  version: number;
  update: boolean;
  audience?: { teamIds?: string[]; roles?: string[] } | null;
  authorId?: string | null;
  excerpt?: string;
};

export async function onKnowledgePushDue(
  event: DomainEvent<KnowledgePushDue>,
  tx: Queryable,
  deps: AppDeps,
): Promise<void> {
  const { itemId, title, version, update, audience, authorId, excerpt } = event.payload;
  if (!itemId) return;
  const reached = (
    await resolveAudienceAs(tx, deps, authorId ?? null, {
      teamIds: audience?.teamIds ?? [],
      roles: audience?.roles ?? [],
    })
  ).filter((id) => id !== authorId);
  const recipients: string[] = [];
  for (const userId of reached)
    if (await sourcesOf(deps).knowledge.knowledgeVisibleTo(tx, userId, itemId)) recipients.push(userId);
  await createNotifications(tx, deps, {
    kind: 'broadcast',
    title: update ? { fr: `Mise à jour : ${title}`, en: `Updated: ${title}` } : { fr: title, en: title },
    body: excerpt ? { fr: excerpt, en: excerpt } : undefined,
    url: `/knowledge/${itemId}`,
    sourceType: 'knowledge',
    sourceId: itemId,
    dedupeKey: `knowledge.push:${itemId}:v${version}`,
    recipients: recipients.map((userId) => ({
      userId,
      reason: { fr: 'diffusé à votre équipe ou votre rôle', en: 'pushed to your team or role' },
    })),
  });
}

export function subscribeKnowledgeDelivery(deps: AppDeps) {
  deps.events.subscribe<KnowledgePushDue>('push.knowledge-delivery', 'knowledge.push_due', (event, tx) =>
    onKnowledgePushDue(event, tx, deps),
  );
}

import type { SearchHit } from '../../../platform/search-registry.js';
import type { Ctx } from '../../../platform/context.js';
import { searchBroadcasts } from '../broadcasts/broadcasts.repository.js';
import { searchMyNotifications } from './notifications.repository.js';

/** Pull side of push (PUSH-1): broadcasts I may see and what was pushed to me stay findable. */
export async function searchPushed(ctx: Ctx, query: string, limit: number): Promise<SearchHit[]> {
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const broadcasts = await searchBroadcasts(ctx.tx, like, limit);
  const notifications = await searchMyNotifications(ctx.tx, ctx.actor.userId, like, limit);
  const score = (title: string) => (title.toLowerCase().startsWith(query.toLowerCase()) ? 0.8 : 0.5);
  return [
    ...broadcasts.map((b) => ({
      type: 'push',
      id: b.id,
      title: b.title,
      subtitle: 'Diffusion',
      url: `/broadcasts/${b.id}`,
      score: score(b.title),
    })),
    ...notifications.map((n) => ({
      type: 'push',
      id: n.id,
      title: n.title,
      subtitle: n.reason,
      url: n.url ?? '/for-me',
      score: score(n.title) - 0.1,
    })),
  ].slice(0, limit);
}

import type { SearchHit } from '../../platform/search-registry.js';
import type { Ctx } from '../../platform/context.js';

/** Pull side of push (PUSH-1): broadcasts I may see and what was pushed to me stay findable. */
export async function searchPushed(ctx: Ctx, query: string, limit: number): Promise<SearchHit[]> {
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const broadcasts = await ctx.tx.query<{ id: string; title: string; created_at: string }>(
    `select id, title, created_at from broadcasts where relais_unaccent(title || ' ' || body_md) ilike relais_unaccent($1) order by created_at desc limit $2`,
    [like, limit],
  );
  const notifications = await ctx.tx.query<{ id: string; title: string; url: string | null; reason: string | null; source_type: string | null }>(
    `select id, title, url, reason, source_type from notifications where user_id = $1 and coalesce(source_type, '') <> 'broadcast'
        and relais_unaccent(title || ' ' || body) ilike relais_unaccent($2) order by created_at desc limit $3`,
    [ctx.actor.userId, like, limit],
  );
  const score = (title: string) => (title.toLowerCase().startsWith(query.toLowerCase()) ? 0.8 : 0.5);
  return [
    ...broadcasts.map((b) => ({ type: 'push', id: b.id, title: b.title, subtitle: 'Diffusion', url: `/broadcasts/${b.id}`, score: score(b.title) })),
    ...notifications.map((n) => ({ type: 'push', id: n.id, title: n.title, subtitle: n.reason, url: n.url ?? '/for-me', score: score(n.title) - 0.1 })),
  ].slice(0, limit);
}

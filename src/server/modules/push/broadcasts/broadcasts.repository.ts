import type { Queryable } from '../../../db/client.js';

/** SQL of broadcasts (PUSH-4): `broadcasts`, `broadcast_runs`, `broadcast_recipients`. */

/** Broadcasts the caller may see whose title or body matches `like` (the global search). */
export async function searchBroadcasts(
  tx: Queryable,
  like: string,
  limit: number,
): Promise<{ id: string; title: string; created_at: string }[]> {
  return tx.query<{ id: string; title: string; created_at: string }>(
    `select id, title, created_at from broadcasts where relais_unaccent(title || ' ' || body_md) ilike relais_unaccent($1) order by created_at desc limit $2`,
    [like, limit],
  );
}

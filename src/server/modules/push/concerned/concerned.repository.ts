import type { Queryable } from '../../../db/client.js';

/** SQL of "who is concerned" (PUSH-3): the followers of some targets. */
export async function followers(tx: Queryable, type: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ user_id: string }>(
    `select distinct user_id from follows where target_type = $1 and target_id = any ($2::text[])`,
    [type, ids],
  );
  return rows.map((row) => row.user_id);
}

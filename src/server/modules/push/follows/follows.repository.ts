import type { Queryable } from '../../../db/client.js';

/** SQL of follows (PUSH-3): `follows`. */

export type FollowRow = { user_id: string; target_type: string; target_id: string; created_at: string };

export async function findFollows(
  tx: Queryable,
  userId: string,
  targetType: string | null,
): Promise<FollowRow[]> {
  return tx.query<FollowRow>(
    `select * from follows where user_id = $1 and ($2::text is null or target_type = $2) order by created_at desc, target_type, target_id`,
    [userId, targetType],
  );
}

/** Follows (idempotent) and returns the follow. */
export async function insertFollow(
  tx: Queryable,
  userId: string,
  targetType: string,
  targetId: string,
): Promise<FollowRow> {
  await tx.query(
    `insert into follows (user_id, target_type, target_id) values ($1, $2, $3) on conflict do nothing`,
    [userId, targetType, targetId],
  );
  const [row] = await tx.query<FollowRow>(
    `select * from follows where user_id = $1 and target_type = $2 and target_id = $3`,
    [userId, targetType, targetId],
  );
  return row;
}

export async function deleteFollow(
  tx: Queryable,
  userId: string,
  targetType: string,
  targetId: string,
): Promise<boolean> {
  const rows = await tx.query(
    `delete from follows where user_id = $1 and target_type = $2 and target_id = $3 returning 1`,
    [userId, targetType, targetId],
  );
  return rows.length > 0;
}

import type { Queryable } from '../../../db/client.js';

/** SQL of push items' delivery (PUSH-1). */

export type DuePush = {
  id: string;
  type: string;
  title: string;
  version: number;
  owner_id: string;
  /** jsonb: parsed by the driver, or text on engines that leave it so. */
  push_audience: { teamIds: string[]; roles: string[] } | string;
  previous: number | null;
  excerpt: string;
};

/**
 * Claims the delivery of an item's current version when it is due — published, `push`, its date
 * (if any) passed, this version not yet delivered — and returns it; null otherwise. Claiming and
 * the event are in one transaction, so a version is delivered once.
 */
export async function claimDuePush(tx: Queryable, itemId: string): Promise<DuePush | null> {
  const [row] = await tx.query<DuePush>(
    `with before as (select id, pushed_version from knowledge_items where id = $1)
     update knowledge_items k set pushed_version = k.version, pushed_at = now()
       from before b
      where k.id = b.id and k.status = 'published' and k.delivery = 'push' and (k.push_at is null or k.push_at <= now())
        and k.pushed_version is distinct from k.version
      returning k.id, k.type, k.title, k.version, k.owner_id, k.push_audience, b.pushed_version as previous, left(k.body_md, 600) as excerpt`,
    [itemId],
  );
  return row ?? null;
}

/** Published push items whose date has come and whose current version was not delivered (the scheduler, as the system). */
export async function duePushIds(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from knowledge_items where delivery = 'push' and status = 'published' and push_at <= now() and pushed_version is distinct from version limit 500`,
  );
  return rows.map((row) => row.id);
}

export async function setPushSettings(
  tx: Queryable,
  itemId: string,
  audience: { teamIds: string[]; roles: string[] },
  pushAt: string | null,
) {
  await tx.query(`update knowledge_items set push_audience = $2, push_at = $3 where id = $1`, [
    itemId,
    JSON.stringify(audience),
    pushAt,
  ]);
}

import type { Queryable } from '../../../db/client.js';

/** SQL of the phrasings of knowledge items (KB-3 item 5). Runs under the caller's RLS. */

/** The question of one of the caller's own searches, or null (see knowledge_search_question). */
export async function searchQuestion(tx: Queryable, searchId: string): Promise<string | null> {
  const [row] = await tx.query<{ query: string | null }>(`select knowledge_search_question($1) as query`, [
    searchId,
  ]);
  return row?.query ?? null;
}

/**
 * Records a wording for an item, or counts one more use of the same wording. A wording an
 * expert removed stays removed (counted, never back in the search vector).
 */
export async function upsertPhrasing(
  tx: Queryable,
  phrasing: { itemId: string; text: string; folded: string; source: 'useful' | 'reuse'; userId: string },
) {
  const [row] = await tx.query<{ id: string; status: 'kept' | 'removed' }>(
    `insert into knowledge_phrasings (item_id, text, folded, source, user_id) values ($1, $2, $3, $4, $5)
     on conflict (item_id, folded) do update set uses = knowledge_phrasings.uses + 1, last_used_at = now()
     returning id, status`,
    [phrasing.itemId, phrasing.text, phrasing.folded, phrasing.source, phrasing.userId],
  );
  return row;
}

export type PhrasingRow = {
  id: string;
  text: string;
  source: 'useful' | 'reuse';
  uses: number;
  status: 'kept' | 'removed';
  created_at: string;
  last_used_at: string;
  user_id: string | null;
  user_name: string | null;
};

/** An item's phrasings, most used first; the removed ones only when asked. */
export async function listPhrasings(tx: Queryable, itemId: string, withRemoved: boolean) {
  return tx.query<PhrasingRow>(
    `select p.id, p.text, p.source, p.uses, p.status, p.created_at, p.last_used_at, p.user_id,
            nullif(trim(u.first_name || ' ' || u.last_name), '') as user_name
       from knowledge_phrasings p left join users u on u.id = p.user_id
      where p.item_id = $1 and ($2 or p.status = 'kept')
      order by (p.status = 'kept') desc, p.uses desc, p.last_used_at desc limit 200`,
    [itemId, withRemoved],
  );
}

/** Takes a phrasing out of the search (the trigger rebuilds the item's vector); false when not found. */
export async function removePhrasing(tx: Queryable, itemId: string, phrasingId: string, userId: string) {
  const rows = await tx.query(
    `update knowledge_phrasings set status = 'removed', removed_by = $3, removed_at = now()
      where id = $2 and item_id = $1 returning id`,
    [itemId, phrasingId, userId],
  );
  return rows.length > 0;
}

import type { Queryable } from '../../../db/client.js';

/** SQL of what the push module reads of knowledge records, under the transaction's row-level security. */

export async function findVisibleItems(
  tx: Queryable,
  ids: string[],
): Promise<{ id: string; title: string; type: string }[]> {
  if (ids.length === 0) return [];
  return tx.query<{ id: string; title: string; type: string }>(
    `select id, title, type from knowledge_items where id = any ($1::uuid[]) order by title`,
    [ids],
  );
}

export type ItemFactsRow = {
  id: string;
  type: string;
  status: string;
  title: string;
  tags: string[];
  account_ids: string[];
};

export async function findItemFacts(tx: Queryable, itemId: string): Promise<ItemFactsRow | null> {
  const [item] = await tx.query<ItemFactsRow>(
    `select id, type, status, title, tags, account_ids from knowledge_items where id = $1`,
    [itemId],
  );
  return item ?? null;
}

export async function findSituationsOfItem(tx: Queryable, itemId: string): Promise<string[]> {
  const rows = await tx.query<{ situation_id: string }>(
    `select situation_id from situation_knowledge where item_id = $1`,
    [itemId],
  );
  return rows.map((row) => row.situation_id);
}

export async function findAccountsInSituations(tx: Queryable, situationIds: string[]): Promise<string[]> {
  if (situationIds.length === 0) return [];
  const rows = await tx.query<{ account_id: string }>(
    `select distinct account_id from account_situations where situation_id = any ($1::uuid[]) and status = 'confirmed'`,
    [situationIds],
  );
  return rows.map((row) => row.account_id);
}

export async function findSituationName(tx: Queryable, situationId: string): Promise<string | null> {
  const [situation] = await tx.query<{ name: string }>(`select name from situations where id = $1`, [
    situationId,
  ]);
  return situation?.name ?? null;
}

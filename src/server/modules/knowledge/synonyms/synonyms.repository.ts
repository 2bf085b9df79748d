import type { Queryable } from '../../../db/client.js';

/**
 * SQL of the synonym groups (KB-3 item 4). Row-level security lets everyone read them and only
 * experts and admins write them (0262): a rep's write reaches no row.
 */

type GroupRow = { id: string; terms: string[]; updated_at: Date | string };
export type SynonymRow = { id: string; terms: string[]; folded: string[] };

const toGroup = (row: GroupRow) => ({
  id: row.id,
  terms: row.terms,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** The groups, latest changed first; `folded`: those with a term containing it (folded text). */
export async function findGroups(tx: Queryable, folded: string | null) {
  const rows = await tx.query<GroupRow>(
    `select id, terms, updated_at from knowledge_synonym_groups
      where $1::text is null or exists (select 1 from unnest(folded) f where strpos(f, $1) > 0)
      order by updated_at desc, folded[1], id`,
    [folded],
  );
  return rows.map(toGroup);
}

export async function findGroup(tx: Queryable, id: string) {
  const [row] = await tx.query<GroupRow>(
    `select id, terms, updated_at from knowledge_synonym_groups where id = $1`,
    [id],
  );
  return row ? toGroup(row) : null;
}

export type GroupValues = { terms: string[]; folded: string[]; words: string[]; userId: string | null };

export async function insertGroup(tx: Queryable, values: GroupValues): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into knowledge_synonym_groups (terms, folded, words, created_by, updated_by)
     values ($1, $2, $3, $4, $4) returning id`,
    [values.terms, values.folded, values.words, values.userId],
  );
  return row.id;
}

/** False when there is no such group (or the caller may not change it). */
export async function updateGroup(tx: Queryable, id: string, values: GroupValues): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update knowledge_synonym_groups set terms = $2, folded = $3, words = $4, updated_by = $5, updated_at = now()
      where id = $1 returning id`,
    [id, values.terms, values.folded, values.words, values.userId],
  );
  return rows.length > 0;
}

export async function deleteGroup(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `delete from knowledge_synonym_groups where id = $1 returning id`,
    [id],
  );
  return rows.length > 0;
}

/** The groups holding one of `words` (singular folded words) in one of their terms. */
export async function groupsWithWords(tx: Queryable, words: string[]): Promise<SynonymRow[]> {
  if (words.length === 0) return [];
  return tx.query<SynonymRow>(
    `select id, terms, folded from knowledge_synonym_groups where words && $1::text[]`,
    [words],
  );
}

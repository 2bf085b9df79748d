import type { Queryable } from '../../../db/client.js';

/** SQL of KB-7 feedback: votes, comments and suggested edits. Runs under the caller's RLS. */

/** One statement, so two simultaneous votes by one person cannot both insert. */
export async function upsertVote(tx: Queryable, itemId: string, userId: string, useful: boolean) {
  await tx.query(
    `insert into knowledge_feedback (item_id, user_id, useful) values ($1, $2, $3)
     on conflict (item_id, user_id) where useful is not null and comment is null do update set useful = excluded.useful`,
    [itemId, userId, useful],
  );
}

/** Counts the item's votes again into its row; returns the counts. */
export async function recountVotes(tx: Queryable, itemId: string) {
  const [counts] = await tx.query<{ useful: number; not_useful: number }>(
    `update knowledge_items set useful_count = (select count(*) from knowledge_feedback where item_id = $1 and useful and comment is null),
            not_useful_count = (select count(*) from knowledge_feedback where item_id = $1 and not useful and comment is null)
      where id = $1 returning useful_count as useful, not_useful_count as not_useful`,
    [itemId],
  );
  return counts;
}

export async function insertComment(tx: Queryable, itemId: string, userId: string, text: string) {
  const [row] = await tx.query<{ id: string; created_at: string }>(
    `insert into knowledge_feedback (item_id, user_id, comment) values ($1, $2, $3) returning id, created_at`,
    [itemId, userId, text],
  );
  return row;
}

export type CommentRow = {
  id: string;
  user_id: string;
  user_name: string;
  comment: string;
  created_at: string;
};

export async function listComments(tx: Queryable, itemId: string): Promise<CommentRow[]> {
  return tx.query<CommentRow>(
    `select f.id, f.user_id, trim(u.first_name || ' ' || u.last_name) as user_name, f.comment, f.created_at from knowledge_feedback f join users u on u.id = f.user_id
      where f.item_id = $1 and f.comment is not null order by f.created_at desc limit 200`,
    [itemId],
  );
}

/** The caller's vote on an item, or null. */
export async function findVote(tx: Queryable, itemId: string, userId: string): Promise<boolean | null> {
  const [mine] = await tx.query<{ useful: boolean }>(
    `select useful from knowledge_feedback where item_id = $1 and user_id = $2 and useful is not null and comment is null`,
    [itemId, userId],
  );
  return mine ? mine.useful : null;
}

export type SuggestionRow = {
  id: string;
  item_id: string;
  author_id: string;
  author_name?: string | null;
  title: string | null;
  body_md: string;
  note: string | null;
  status: 'pending' | 'accepted' | 'declined';
  created_at: string;
  decided_at: string | null;
};
const WITH_AUTHOR = `select s.*, trim(u.first_name || ' ' || u.last_name) as author_name from knowledge_suggestions s join users u on u.id = s.author_id`;

export async function listSuggestions(tx: Queryable, itemId: string): Promise<SuggestionRow[]> {
  return tx.query<SuggestionRow>(
    `${WITH_AUTHOR}
      where s.item_id = $1 order by (s.status = 'pending') desc, s.created_at desc limit 100`,
    [itemId],
  );
}

export async function insertSuggestion(
  tx: Queryable,
  suggestion: { itemId: string; authorId: string; title: string | null; body: string; note: string | null },
): Promise<SuggestionRow> {
  const [row] = await tx.query<SuggestionRow>(
    `insert into knowledge_suggestions (item_id, author_id, title, body_md, note) values ($1, $2, $3, $4, $5) returning *`,
    [suggestion.itemId, suggestion.authorId, suggestion.title, suggestion.body, suggestion.note],
  );
  return row;
}

export async function findSuggestion(
  tx: Queryable,
  itemId: string,
  suggestionId: string,
): Promise<SuggestionRow | null> {
  const [row] = await tx.query<SuggestionRow>(
    `select * from knowledge_suggestions where id = $1 and item_id = $2`,
    [suggestionId, itemId],
  );
  return row ?? null;
}

export async function findSuggestionWithAuthor(tx: Queryable, suggestionId: string): Promise<SuggestionRow> {
  const [row] = await tx.query<SuggestionRow>(`${WITH_AUTHOR} where s.id = $1`, [suggestionId]);
  return row;
}

export async function writeDecision(
  tx: Queryable,
  suggestionId: string,
  status: 'accepted' | 'declined',
  userId: string,
) {
  await tx.query(
    `update knowledge_suggestions set status = $2, decided_by = $3, decided_at = now() where id = $1`,
    [suggestionId, status, userId],
  );
}

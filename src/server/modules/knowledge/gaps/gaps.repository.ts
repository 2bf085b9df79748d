import type { Queryable } from '../../../db/client.js';
import type { KNOWLEDGE_STATUSES } from '../items/items.schemas.js';

/**
 * SQL of knowledge gaps (KB-8). The question log is reachable only through SECURITY DEFINER
 * functions (0270) when called under a user's RLS; the askers are read only by the system
 * (background jobs), for the notification, and never leave the server.
 */

/** Logs one search of the caller (one statement); null when it continues or repeats nothing loggable. */
export async function logQuestion(
  tx: Queryable,
  question: {
    query: string;
    normalized: string;
    lang: 'fr' | 'en';
    resultCount: number;
    validatedCount: number;
    topIds: string[];
  },
): Promise<string | null> {
  const [row] = await tx.query<{ id: string | null }>(
    `select knowledge_log_question($1, $2, $3, $4, $5, $6::uuid[]) as id`,
    [
      question.query,
      question.normalized,
      question.lang,
      question.resultCount,
      question.validatedCount,
      question.topIds,
    ],
  );
  return row?.id ?? null;
}

/** Records what the caller did with one of their searches; false when it is not theirs. */
export async function signalQuestion(tx: Queryable, id: string, signal: string): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>(`select knowledge_question_signal($1, $2) as ok`, [
    id,
    signal,
  ]);
  return row?.ok === true;
}

/** A vote on an item is the verdict on the caller's latest search that listed it. */
export async function voteOnQuestion(tx: Queryable, itemId: string, useful: boolean) {
  await tx.query(`select knowledge_question_vote($1, $2)`, [itemId, useful]);
}

export type GapGroupRow = {
  group_key: string;
  group_id: string;
  lang: 'fr' | 'en';
  label: string;
  wordings: string[];
  total: number;
  askers: number;
  recent: number;
  previous: number;
  no_result: number;
  no_validated: number;
  no_click: number;
  not_useful: number;
  reformulated: number;
  last_asked_at: string;
};

/** Of these words, those the reader may read in the knowledge base, and stop words. */
export async function findKnownWords(
  tx: Queryable,
  words: string[],
  lang: 'fr' | 'en',
): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await tx.query<{ word: string }>(`select knowledge_known_words($1::text[], $2) as word`, [
    words,
    lang,
  ]);
  return new Set(rows.map((row) => row.word));
}

/** The groups of gaps (experts and admins: the function refuses anyone else); `key`: a group's id. */
export async function findGapGroups(
  tx: Queryable,
  options: { now: Date; since: Date; key: string | null; limit: number },
): Promise<GapGroupRow[]> {
  return tx.query<GapGroupRow>(`select * from knowledge_gap_groups($1, $2, $3, $4)`, [
    options.now.toISOString(),
    options.since.toISOString(),
    options.key,
    options.limit,
  ]);
}

export type GapRow = {
  id: string;
  group_key: string;
  item_id: string | null;
  item_title: string | null;
  item_status: (typeof KNOWLEDGE_STATUSES)[number] | null;
};

/** The open gaps (a draft is being written) of these groups, with their item when the reader sees it. */
export async function findOpenGaps(tx: Queryable, keys: string[]): Promise<GapRow[]> {
  if (keys.length === 0) return [];
  return tx.query<GapRow>(
    `select g.id, g.group_key, k.id as item_id, k.title as item_title, k.status as item_status
       from knowledge_gaps g left join knowledge_items k on k.id = g.item_id
      where g.answered_at is null and g.group_key = any ($1::text[])`,
    [keys],
  );
}

/** Opens a gap for a group with its draft; an open gap whose draft is gone is taken over. */
export async function upsertOpenGap(tx: Queryable, key: string, itemId: string, userId: string) {
  const [row] = await tx.query<{ id: string }>(
    `insert into knowledge_gaps (group_key, item_id, created_by) values ($1, $2, $3)
     on conflict (group_key) where answered_at is null
     do update set item_id = excluded.item_id, created_by = excluded.created_by, created_at = now()
     returning id`,
    [key, itemId, userId],
  );
  return row.id;
}

// --- system (background jobs): never under a user's RLS ---

/** Marks the open gaps answered by this item (now published); returns them with their previous answer time. */
export async function closeGapsOf(tx: Queryable, itemId: string) {
  return tx.query<{ id: string; group_key: string; answered_at: string; since: string | null }>(
    `update knowledge_gaps g set answered_at = now()
      where g.item_id = $1 and g.answered_at is null
      returning g.id, g.group_key, g.answered_at,
                (select max(o.answered_at) from knowledge_gaps o where o.group_key = g.group_key and o.id <> g.id) as since`,
    [itemId],
  );
}

/** Who asked the questions of a group that were gaps, between the previous answer and this one. */
export async function findAskers(
  tx: Queryable,
  key: string,
  since: string | null,
  until: string,
): Promise<string[]> {
  const rows = await tx.query<{ user_id: string }>(
    `select distinct user_id from knowledge_questions
      where group_key = $1 and created_at > coalesce($2::timestamptz, '-infinity') and created_at <= $3
        and knowledge_question_is_gap(result_count, validated_count, outcome, reformulated)`,
    [key, since, until],
  );
  return rows.map((row) => row.user_id);
}

export async function findItemTitle(tx: Queryable, itemId: string): Promise<string | null> {
  const [row] = await tx.query<{ title: string }>(`select title from knowledge_items where id = $1`, [
    itemId,
  ]);
  return row?.title ?? null;
}

/** Forgets questions older than the retention the admins chose (`search_log_days`). */
export async function purgeQuestions(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `delete from knowledge_questions
      where created_at < now() - make_interval(days => (select search_log_days from knowledge_settings))
      returning id`,
  );
  return rows.length;
}

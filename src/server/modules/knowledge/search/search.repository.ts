import type { Queryable } from '../../../db/client.js';
import type { Item } from '../items/items.schemas.js';

/**
 * SQL of knowledge search (KB-3) and similar cases (KB-4). Runs under the caller's RLS: every
 * candidate, count, facet and snippet comes from items the caller may see.
 */

/** Ids of matching items, best static score first (the database function applies the filters). */
export async function searchCandidates(
  tx: Queryable,
  tsquery: string,
  filters: {
    type: string | null;
    tag: string | null;
    product: string | null;
    situation: string | null;
    lang: string | null;
    statuses: string[];
    from: string | null;
    to: string | null;
  },
  cap: number,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from knowledge_search_candidates($1::tsquery, $2, $3, $4, $5, $6, $7, $8, $9::date, $10::date)`,
    [
      tsquery,
      filters.type,
      filters.tag,
      filters.product,
      filters.situation,
      filters.lang,
      filters.statuses,
      cap,
      filters.from,
      filters.to,
    ],
  );
  return rows.map((row) => row.id);
}

/** A candidate with its score (see ranking.ts). */
export type RankedRow = {
  id: string;
  title: string;
  type: Item['type'];
  lang: Item['lang'];
  status: Item['status'];
  tags: string[] | null;
  product_ids: string[] | null;
  problem: string;
  visibility: string;
  owner_id: string;
  score: number;
};

/** Highlighted title and snippet of each item (markers \u0001…\u0002). */
export async function headlines(
  tx: Queryable,
  ids: string[],
  tsquery: string,
  options: string,
  orTsquery: string,
) {
  return tx.query<{ id: string; title: string; snippet: string }>(
    `select k.id, ts_headline(cfg, k.title, q, 'StartSel=\u0001, StopSel=\u0002, HighlightAll=true') as title,
            ts_headline(cfg, k.problem || E'\\n' || left(k.body_md, 8000), q, $3) as snippet
       from knowledge_items k, lateral (select case when k.lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end as cfg,
                                               (case when $4 <> '' then $4::tsquery else $2::tsquery end) as q) x
      where k.id = any ($1::uuid[])`,
    [ids, tsquery, options, orTsquery],
  );
}

/** Those of `ids` whose title alone holds the whole query. */
export async function titleMatches(tx: Queryable, ids: string[], tsquery: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select k.id from knowledge_items k where k.id = any ($1::uuid[])
        and to_tsvector(case when k.lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, k.title) @@ $2::tsquery`,
    [ids, tsquery],
  );
  return rows.map((row) => row.id);
}

/** The situation facet: situations of the candidates, most frequent first. */
export async function situationFacet(tx: Queryable, ids: string[]) {
  return tx.query<{ value: string; label: string; count: number }>(
    `select s.id as value, s.name as label, count(*)::int as count from situation_knowledge sk join situations s on s.id = sk.situation_id
      where sk.item_id = any ($1::uuid[]) group by s.id, s.name order by count desc, s.name limit 20`,
    [ids],
  );
}

/**
 * The date facet (KB-3 item 7): how many of the matching items were last updated within 30
 * days, within 12 months (the 30 days included) and before that. Whole days in UTC.
 */
export async function dateFacet(tx: Queryable, ids: string[]) {
  const [row] = await tx.query<{ days30: number; months12: number; older: number; today: string }>(
    `select count(*) filter (where updated_at >= (current_date - 30)::timestamp at time zone 'UTC')::int as days30,
            count(*) filter (where updated_at >= (current_date - 365)::timestamp at time zone 'UTC')::int as months12,
            count(*) filter (where updated_at < (current_date - 365)::timestamp at time zone 'UTC')::int as older,
            to_char(current_date, 'YYYY-MM-DD') as today
       from knowledge_items where id = any ($1::uuid[])`,
    [ids],
  );
  return row;
}

export async function refreshSearchStats(tx: Queryable): Promise<void> {
  await tx.query(`select knowledge_refresh_stats()`);
}

/** Each `parts` SQL expression evaluated with $1 = the text and $2 = the prefix (tsqueries as text). */
export async function evaluateTsqueries(
  tx: Queryable,
  parts: string[],
  text: string,
  prefix: string | null,
): Promise<string[]> {
  const [row] = await tx.query<{ parts: string[] }>(`select array[${parts.join(', ')}] as parts`, [
    text,
    prefix,
  ]);
  return row.parts;
}

/** OR and AND of the significant words of a free text, stemmed in French and English. */
export async function textTsqueries(tx: Queryable, text: string) {
  const [row] = await tx.query<{ or: string | null; and: string | null }>(
    `select replace((plainto_tsquery('relais_fr', $1) || plainto_tsquery('relais_en', $1))::text, '&', '|') as or,
            (plainto_tsquery('relais_fr', $1) || plainto_tsquery('relais_en', $1))::text as and`,
    [text],
  );
  return row;
}

/** Bodies and reuse counts of items. */
export async function itemBodies(tx: Queryable, ids: string[]) {
  return tx.query<{ id: string; body_md: string; reuse_count: number }>(
    `select id, body_md, reuse_count from knowledge_items where id = any ($1::uuid[])`,
    [ids],
  );
}

/** Activities solved by linking an answer (the CRM's ids), as the caller sees the links. */
export async function linkedActivityIds(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ activity_id: string }>(`select distinct activity_id from activity_knowledge`);
  return rows.map((row) => row.activity_id);
}

/** The answers linked to these activities. */
export async function answersOfActivities(tx: Queryable, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return tx.query<{
    activity_id: string;
    item_id: string;
    answer_title: string;
    answer_body: string;
    reuse_count: number;
    item_visibility: string;
    item_owner_id: string;
  }>(
    `select ak.activity_id, ak.item_id, k.title as answer_title, k.body_md as answer_body, k.reuse_count, k.visibility as item_visibility, k.owner_id as item_owner_id
       from activity_knowledge ak join knowledge_items k on k.id = ak.item_id where ak.activity_id = any ($1::uuid[])`,
    [activityIds],
  );
}

/** Links an answer to an activity; false when it already was. */
export async function linkAnswer(tx: Queryable, activityId: string, itemId: string, userId: string) {
  const inserted = await tx.query(
    `insert into activity_knowledge (activity_id, item_id, user_id) values ($1, $2, $3) on conflict do nothing returning item_id`,
    [activityId, itemId, userId],
  );
  return inserted.length > 0;
}

export async function countReuse(tx: Queryable, itemId: string): Promise<number> {
  const [row] = await tx.query<{ reuse_count: number }>(
    `update knowledge_items set reuse_count = reuse_count + 1 where id = $1 returning reuse_count`,
    [itemId],
  );
  return row.reuse_count;
}

import type { Queryable } from '../../../db/client.js';
import type { RankedRow } from './search.repository.js';

/**
 * SQL of relevance ranking (KB-3): the words of a query as lexemes, typo candidates, and a
 * BM25F score of candidates the caller may see (row-level security applies: `ids` come from
 * the visibility-filtered candidates and are read again under it).
 */

/** Each word's lexemes in the given text search configurations (stemmed, accents folded). */
export async function lexemesOfWords(tx: Queryable, words: string[], configs: string[]) {
  const rows = await tx.query<{ word: string; lexemes: string[] }>(
    `select w as word, array(select distinct l from unnest($2::regconfig[]) c, unnest(tsvector_to_array(to_tsvector(c, w))) l) as lexemes
       from unnest($1::text[]) w`,
    [words, configs],
  );
  return new Map(rows.map((row) => [row.word, row.lexemes]));
}

/** For each folded word: whether the base knows it and, if not, its closest known words. */
export async function wordCandidates(tx: Queryable, words: string[]) {
  return tx.query<{ word: string; known: boolean; candidates: string[] }>(
    `select word, known, candidates from knowledge_word_candidates($1::text[])`,
    [words],
  );
}

/** How many items there are, their average length (distinct words) and each lexeme's count. */
export async function rankingStats(tx: Queryable, lexemes: string[]) {
  const [stats] = await tx.query<{ total: number; lengths: string }>(
    `select total, lengths from knowledge_stats`,
  );
  const rows = await tx.query<{ lexeme: string; ndoc: number }>(
    `select lexeme, ndoc from knowledge_lexeme_stats where lexeme = any ($1)`,
    [lexemes],
  );
  const total = stats?.total ?? 0;
  return {
    total,
    averageLength: total > 0 ? Number(stats.lengths) / total : 1,
    ndoc: new Map(rows.map((row) => [row.lexeme, row.ndoc])),
  };
}

export type ScoredTerm = { word: number; lexeme: string; prefix: boolean; weight: number };
export type Bm25Params = { k1: number; b: number; averageLength: number; title: number; problem: number };

/**
 * BM25F of each item: per query word, the best of its lexemes (stems in both languages,
 * corrections, synonyms: `weight` = IDF × the lexeme's factor) with term frequency counted per
 * field (title A, tags and problem B, body C and D weighted 1), saturated by k1 and normalised by
 * the item's length against the average (b). The words' scores add up.
 */
export async function bm25Scores(tx: Queryable, ids: string[], terms: ScoredTerm[], params: Bm25Params) {
  return tx.query<RankedRow & { relevance: number; static_score: number }>(
    `select k.id, k.title, k.type, k.lang, k.status, k.tags, k.product_ids, k.problem, k.visibility, k.owner_id,
            k.static_score, coalesce(s.relevance, 0)::float8 as relevance, 0::float8 as score
       from knowledge_items k
       left join lateral (
         select sum(best) as relevance from (
           select max(q.weight * t.tf * ($6::float8 + 1) / (t.tf + $6::float8 * (1 - $7::float8 + $7::float8 * length(k.search_vector) / $8::float8))) as best
             from unnest(k.search_vector) u
             join unnest($2::int[], $3::text[], $4::bool[], $5::float8[]) q(word, lexeme, prefix, weight)
               on u.lexeme = q.lexeme or (q.prefix and starts_with(u.lexeme, q.lexeme))
             cross join lateral (
               select sum(case w when 'A' then $9::float8 when 'B' then $10::float8 else 1 end)::float8 as tf from unnest(u.weights) w
             ) t
            group by q.word
         ) per_word
       ) s on true
      where k.id = any ($1::uuid[])`,
    [
      ids,
      terms.map((t) => t.word),
      terms.map((t) => t.lexeme),
      terms.map((t) => t.prefix),
      terms.map((t) => t.weight),
      params.k1,
      params.b,
      params.averageLength,
      params.title,
      params.problem,
    ],
  );
}

/** Which of the folded `words` each item holds as written (unstemmed): exact words rank first. */
export async function exactWords(tx: Queryable, ids: string[], words: string[]) {
  const rows = await tx.query<{ id: string; words: string[] }>(
    `select k.id, array(select unnest(tsvector_to_array(to_tsvector('simple', relais_unaccent(lower(k.title || ' ' || k.problem || ' ' || left(k.body_md, 20000))))))
                        intersect select unnest($2::text[])) as words
       from knowledge_items k where k.id = any ($1::uuid[])`,
    [ids, words],
  );
  return new Map(rows.map((row) => [row.id, row.words]));
}

import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { Ctx } from '../../../platform/context.js';
import type { Queryable } from '../../../db/client.js';
import { crm } from '../crm-reads.js';
import { correctQuery, markSnippet, parseQuery, toTsquery } from './search.query.js';
import {
  headlines,
  lexemeStats,
  scoreItems,
  searchCandidates,
  situationFacet as situationFacetOf,
  titleMatches,
  type RankedRow,
} from './search.repository.js';

export { refreshSearchStats } from './search.repository.js';

/** `strict`: every term must match (prefix on the last): no any-word fallback, no typo correction (the Ctrl+K palette). */
export type SearchParams = {
  q: string;
  type?: string;
  tag?: string;
  product?: string;
  situation?: string;
  lang?: string;
  status?: string;
  limit: number;
  prefix?: boolean;
  strict?: boolean;
};
export type Facet = { value: string; label?: string; count: number };

/** How many visible matches are ranked at most (best static score first); beyond, totals say "at least". */
export const CANDIDATE_CAP = 400;
const SEARCHABLE = ['published', 'validated', 'stale', 'in_review', 'draft'];
const SNIPPET_OPTIONS =
  'StartSel=\u0001, StopSel=\u0002, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "';

async function candidates(
  tx: Queryable,
  tsquery: string,
  params: SearchParams,
  cap = CANDIDATE_CAP,
): Promise<string[]> {
  if (!tsquery) return [];
  const statuses = params.status ? [params.status] : SEARCHABLE;
  return searchCandidates(
    tx,
    tsquery,
    {
      type: params.type ?? null,
      tag: params.tag?.toLowerCase() ?? null,
      product: params.product ?? null,
      situation: params.situation ?? null,
      lang: params.lang ?? null,
      statuses,
    },
    cap,
  );
}

/** The lexemes of a tsquery text, with whether each is a prefix. */
export const lexemesOf = (tsquery: string) => {
  const seen = new Map<string, boolean>();
  for (const match of tsquery.matchAll(/!?'((?:[^']|'')+)'(:\*)?/g)) {
    if (match[0].startsWith('!')) continue;
    seen.set(match[1], Boolean(match[2]) || seen.get(match[1]) === true);
  }
  return [...seen.entries()].map(([lexeme, prefix]) => ({ lexeme, prefix }));
};

/**
 * Multi-word queries whose every word is in at least COMMON_SHARE of the items (« client
 * livraison » at 1M: both in ~97 %) match nearly everything and their IDFs are ~0: ranking
 * CANDIDATE_CAP rows then only re-sorts by static score at the price of 4–5 tsvector functions
 * per row. Only the COMMON_RANKED_CAP best by static score are ranked; the total and the
 * situation facet still use every candidate.
 */
export const COMMON_SHARE = 0.2;
export const COMMON_RANKED_CAP = 120;

type Weighted = { lexeme: string; prefix: boolean; idf: number; share: number };

/** IDF of each lexeme from the refreshed statistics (BM25's formula); 1 when unknown. */
async function idfOf(tx: Queryable, lexemes: { lexeme: string; prefix: boolean }[]): Promise<Weighted[]> {
  const stats = await lexemeStats(
    tx,
    lexemes.map((l) => l.lexeme),
  );
  const total = Math.max(stats.total ?? 0, 1);
  return lexemes.map(({ lexeme, prefix }) => {
    const n = stats.ndoc.get(lexeme);
    if (n === undefined) return { lexeme, prefix, idf: prefix ? 1.5 : stats.total ? 0.2 : 1, share: 0 };
    return { lexeme, prefix, idf: Math.log(1 + (total - n + 0.5) / (n + 0.5)), share: n / total };
  });
}

/** An OR of the query's meaningful words (for questions in natural language), exclusions kept. */
async function orQuery(_tx: Queryable, tsquery: string, phrase = false): Promise<string> {
  if (phrase) return '';
  const lexemes = lexemesOf(tsquery);
  if (lexemes.length < 2) return '';
  const excluded = [...new Set([...tsquery.matchAll(/!'((?:[^']|'')+)'/g)].map((m) => m[1]))];
  const anyWord = lexemes
    .map(({ lexeme, prefix }) => `'${lexeme.replace(/'/g, "''")}'${prefix ? ':*' : ''}`)
    .join(' | ');
  return excluded.length
    ? `(${anyWord}) & ${excluded.map((l) => `!'${l.replace(/'/g, "''")}'`).join(' & ')}`
    : anyWord;
}

/**
 * Scores candidates: per query word, IDF × ts_rank of that word (title > tags/problem > body),
 * plus a bonus when every word matches (ts_rank_cd of the whole query rewards proximity),
 * times the item's static quality. Returns them best first.
 */
export async function rankCandidates(
  tx: Queryable,
  ids: string[],
  tsquery: string,
  orTsquery: string,
  known?: Weighted[],
): Promise<RankedRow[]> {
  if (ids.length === 0) return [];
  const weighted = known ?? (await idfOf(tx, lexemesOf(orTsquery || tsquery)));
  const terms = weighted.map(
    (_w, index) =>
      `$${index * 2 + 3}::float8 * ts_rank('{0.15, 0.35, 0.6, 1.0}', k.search_vector, $${index * 2 + 4}::tsquery, 1)`,
  );
  const params: unknown[] = [tsquery || orTsquery];
  for (const w of weighted) params.push(w.idf, `'${w.lexeme.replace(/'/g, "''")}'${w.prefix ? ':*' : ''}`);
  const rows = await scoreItems(tx, ids, terms.join(' + ') || '0', params);
  return rows.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

function facetCounts(rows: RankedRow[], pick: (row: RankedRow) => string[]): Facet[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const value of pick(row)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, 20);
}

/**
 * KB-3. Every number and word in the answer comes from items the user may see: candidates are
 * filtered by relais_can_see in the database, ranking, facets and snippets only use them.
 */
export async function searchKnowledge(ctx: Ctx, params: SearchParams) {
  const parsed = parseQuery(params.q, { prefix: params.prefix });
  let tsquery = await toTsquery(ctx.tx, parsed, params.lang);
  let ids = await candidates(ctx.tx, tsquery, params);
  let or = '';
  if (ids.length < params.limit && !params.strict) {
    or = await orQuery(ctx.tx, tsquery, params.q.includes('"'));
    if (or) ids = [...new Set([...ids, ...(await candidates(ctx.tx, or, params))])].slice(0, CANDIDATE_CAP);
  }
  let correctedQuery: string | null = null;
  if (ids.length === 0 && !params.strict) {
    const corrected = await correctQuery(ctx.tx, params.q);
    if (corrected) {
      tsquery = await toTsquery(ctx.tx, parseQuery(corrected, { prefix: false }), params.lang);
      ids = await candidates(ctx.tx, tsquery, params);
      or = await orQuery(ctx.tx, tsquery, params.q.includes('"'));
      if (ids.length < params.limit && or)
        ids = [...new Set([...ids, ...(await candidates(ctx.tx, or, params))])].slice(0, CANDIDATE_CAP);
      if (ids.length) correctedQuery = corrected;
    }
  }
  const weighted = ids.length ? await idfOf(ctx.tx, lexemesOf(or || tsquery)) : [];
  // Candidates come best static score first: for very common multi-word queries rank the head only.
  const typed = (parsed.text.match(/[\p{L}\p{N}]+/gu) ?? []).length + (parsed.prefix ? 1 : 0);
  const common =
    !or &&
    typed >= 2 &&
    new Set(weighted.map((w) => w.lexeme)).size >= 2 &&
    weighted.every((w) => w.share >= COMMON_SHARE);
  const ranked = await rankCandidates(
    ctx.tx,
    common ? ids.slice(0, COMMON_RANKED_CAP) : ids,
    tsquery,
    or,
    weighted,
  );
  const top = ranked.slice(0, params.limit);
  noteSecretRows('knowledge', top);
  const snippets = new Map<string, { title: string; snippet: string }>();
  if (top.length) {
    const rows = await headlines(
      ctx.tx,
      top.map((row) => row.id),
      tsquery,
      SNIPPET_OPTIONS,
      or,
    );
    for (const row of rows)
      snippets.set(row.id, { title: markSnippet(row.title), snippet: markSnippet(row.snippet) });
  }
  // Strict mode: whether the title alone holds every term (the palette scores those higher).
  const inTitle = new Set<string>();
  if (params.strict && top.length && tsquery) {
    for (const id of await titleMatches(
      ctx.tx,
      top.map((row) => row.id),
      tsquery,
    ))
      inTitle.add(id);
  }
  const situationFacet = ids.length ? await situationFacetOf(ctx.tx, ids) : [];
  const productFacet = facetCounts(ranked, (row) => row.product_ids ?? []);
  const productNames = productFacet.length
    ? new Map(
        (
          await crm().productsByIds(
            ctx.tx,
            productFacet.map((f) => f.value),
          )
        ).map((p) => [p.id, p.name]),
      )
    : new Map<string, string>();
  return {
    items: top.map((row) => ({
      id: row.id,
      title: row.title,
      titleHtml: snippets.get(row.id)?.title ?? row.title,
      type: row.type,
      lang: row.lang,
      status: row.status,
      tags: row.tags ?? [],
      snippet: snippets.get(row.id)?.snippet ?? '',
      score: Math.round(row.score * 10_000) / 10_000,
      ...(params.strict ? { allInTitle: inTitle.has(row.id) } : {}),
    })),
    total: ids.length,
    totalIsExact: ids.length < CANDIDATE_CAP,
    correctedQuery,
    facets: {
      type: facetCounts(ranked, (row) => [row.type]),
      tag: facetCounts(ranked, (row) => row.tags ?? []),
      lang: facetCounts(ranked, (row) => [row.lang]),
      product: productFacet.map((f) => ({ ...f, label: productNames.get(f.value) ?? f.value })),
      situation: situationFacet,
    },
  };
}

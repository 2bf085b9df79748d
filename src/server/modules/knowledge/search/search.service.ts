import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { Ctx } from '../../../platform/context.js';
import type { Queryable } from '../../../db/client.js';
import { crm } from '../crm-reads.js';
import {
  CANDIDATE_CAP,
  everyWordTsquery,
  foldTokens,
  rankByRelevance,
  SELECTIVE_BUDGET,
  selectiveTsquery,
  weighTerms,
} from './ranking.js';
import { markSnippet, parseQuery, toTsquery } from './search.query.js';
import {
  headlines,
  searchCandidates,
  dateFacet as dateFacetOf,
  situationFacet as situationFacetOf,
  titleMatches,
  type RankedRow,
} from './search.repository.js';

import { boundSynonyms, strictSynonymTsquery, synonymsOf } from './synonyms.js';
import { foldWord, queryTerms } from './terms.js';
import { isStopWord } from './stop-words.js';

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
  /** Last update (updated_at) on or after / on or before these days (YYYY-MM-DD, UTC). */
  from?: string;
  to?: string;
  limit: number;
  prefix?: boolean;
  strict?: boolean;
};
export type Facet = { value: string; label?: string; count: number };

const SEARCHABLE = ['published', 'validated', 'stale', 'in_review', 'draft'];
const SNIPPET_OPTIONS =
  'StartSel=\u0001, StopSel=\u0002, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "';

export { CANDIDATE_CAP };

type CandidateFilters = Omit<SearchParams, 'q' | 'limit' | 'prefix' | 'strict'> & { statuses?: string[] };

async function candidates(
  tx: Queryable,
  tsquery: string,
  params: CandidateFilters,
  cap = CANDIDATE_CAP,
): Promise<string[]> {
  if (!tsquery) return [];
  const statuses = params.statuses ?? (params.status ? [params.status] : SEARCHABLE);
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
      from: params.from ?? null,
      to: params.to ?? null,
    },
    cap,
  );
}

/** The lexemes excluded by the query (-word), as a tsquery to AND with; '' when none. */
const exclusionsOf = (tsquery: string) =>
  [...new Set([...tsquery.matchAll(/!'((?:[^']|'')+)'/g)].map((m) => `!'${m[1]}'`))].join(' & ');
const withExclusions = (tsquery: string, exclusions: string) =>
  tsquery && exclusions ? `(${tsquery}) & ${exclusions}` : tsquery;

/**
 * The visible items a query is about, best first (KB-3, KB-4): candidates (see ranking.ts) and
 * their BM25F ranking. A quoted phrase must match as written; excluded words never match.
 */
export async function relevantItems(
  tx: Queryable,
  raw: string,
  filters: CandidateFilters,
  options: { prefix: boolean; strictTsquery: string },
) {
  const parsed = parseQuery(raw, { prefix: options.prefix });
  const terms = await queryTerms(tx, parsed, { lang: filters.lang, synonyms: synonymsOf });
  if (terms.words.length === 0) return { ranked: [], ids: [], exact: true, terms, or: '', weighted: null };
  const weighed = await weighTerms(tx, terms);
  const weighted = { ...weighed, lexemes: boundSynonyms(weighed.lexemes, terms) };
  const exclusions = exclusionsOf(options.strictTsquery);
  const phrase = raw.includes('"');
  const every = phrase ? options.strictTsquery : withExclusions(everyWordTsquery(terms), exclusions);
  const selective = phrase ? '' : withExclusions(selectiveTsquery(weighted.lexemes), exclusions);
  const [all, some] = await Promise.all([
    candidates(tx, every, filters, CANDIDATE_CAP),
    candidates(tx, selective, filters, SELECTIVE_BUDGET),
  ]);
  const ids = [...new Set([...all, ...some])];
  const covered = selectiveTsquery(weighted.lexemes, Number.MAX_SAFE_INTEGER);
  const exact = all.length < CANDIDATE_CAP && (phrase || selective.length === covered.length);
  const ranked = await rankByRelevance(
    tx,
    ids,
    weighted,
    terms.words.map((word) => word.word),
    // The question's form (its stop words) weighs in titles; excluded words and phrases aside.
    [...new Set(foldTokens(parsed.text))].filter(isStopWord),
  );
  const or = [
    ...new Set(weighted.lexemes.map((l) => `'${l.lexeme.replace(/'/g, "''")}'${l.prefix ? ':*' : ''}`)),
  ].join(' | ');
  return { ranked, ids, exact, terms, or, weighted };
}

/** The query as the user typed it, each corrected word replaced; null when nothing was corrected. */
function correctedText(raw: string, corrections: Map<string, string>): string | null {
  if (corrections.size === 0) return null;
  return raw.replace(/[\p{L}\p{N}]+/gu, (word) => corrections.get(foldWord(word)) ?? word);
}

const shiftDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Buckets of the last update of the matching items, each with the from/to that selects it. */
type DateBucket = {
  value: 'last_30_days' | 'last_12_months' | 'older';
  count: number;
  from: string | null;
  to: string | null;
};
async function dateFacet(tx: Queryable, ids: string[]): Promise<DateBucket[]> {
  if (ids.length === 0) return [];
  const row = await dateFacetOf(tx, ids);
  return [
    { value: 'last_30_days', count: row.days30, from: shiftDays(row.today, -30), to: null },
    { value: 'last_12_months', count: row.months12, from: shiftDays(row.today, -365), to: null },
    { value: 'older', count: row.older, from: null, to: shiftDays(row.today, -366) },
  ];
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
  const prefix = params.prefix ?? Boolean(params.strict);
  const parsed = parseQuery(params.q, { prefix });
  const tsquery = await toTsquery(ctx.tx, parsed, params.lang);
  let ranked: RankedRow[];
  let ids: string[];
  let exact: boolean;
  let or = '';
  let correctedQuery: string | null = null;
  if (params.strict) {
    // Ctrl+K: every word must match, the last as a prefix; no correction, no any-word match.
    // A word also counts through its synonyms (not in "phrases").
    const terms = await queryTerms(ctx.tx, parsed, { lang: params.lang, synonyms: synonymsOf });
    const widened = params.q.includes('"') ? '' : strictSynonymTsquery(terms);
    const strict =
      widened && tsquery ? `(${tsquery}) | (${withExclusions(widened, exclusionsOf(tsquery))})` : tsquery;
    ids = await candidates(ctx.tx, strict, params);
    exact = ids.length < CANDIDATE_CAP;
    const weighed = await weighTerms(ctx.tx, terms);
    ranked = await rankByRelevance(
      ctx.tx,
      ids,
      { ...weighed, lexemes: boundSynonyms(weighed.lexemes, terms) },
      [],
    );
  } else {
    const found = await relevantItems(ctx.tx, params.q, params, { prefix, strictTsquery: tsquery });
    ({ ranked, ids, exact, or } = found);
    correctedQuery = correctedText(params.q, found.terms.corrections);
  }
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
  const date = await dateFacet(ctx.tx, ids);
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
    totalIsExact: exact,
    correctedQuery,
    facets: {
      type: facetCounts(ranked, (row) => [row.type]),
      tag: facetCounts(ranked, (row) => row.tags ?? []),
      lang: facetCounts(ranked, (row) => [row.lang]),
      product: productFacet.map((f) => ({ ...f, label: productNames.get(f.value) ?? f.value })),
      situation: situationFacet,
      date,
    },
  };
}

import type { SearchHit as ApiSearchHit } from '../queries';

/** One hit of `GET /api/v1/search` (the subtitle may be left out where none is shown). */
export type SearchHit = Omit<ApiSearchHit, 'subtitle'> & { subtitle?: ApiSearchHit['subtitle'] };

export interface SearchHitGroup {
  type: string;
  items: SearchHit[];
}

/** Groups hits by type, keeping the server's ranking: groups appear in order of their best hit. */
export function groupSearchHits(hits: readonly SearchHit[]): SearchHitGroup[] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const list = groups.get(hit.type);
    if (list) list.push(hit);
    else groups.set(hit.type, [hit]);
  }
  return [...groups].map(([type, items]) => ({ type, items }));
}

/** Lower-case, accents removed: "Équipe" matches "equipe". */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** True when every word of the query appears in one of the texts. */
export function matchesQuery(query: string, ...texts: string[]): boolean {
  const words = normalizeForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeForSearch(texts.join(' '));
  return words.every((word) => haystack.includes(word));
}

/** Server search only starts at two characters: one letter matches half the database. */
export const MIN_SEARCH_LENGTH = 2;

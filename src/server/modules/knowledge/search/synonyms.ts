import type { Queryable } from '../../../db/client.js';
import { singular, termText, termWords } from '../synonyms/synonym-terms.js';
import { groupsWithWords } from '../synonyms/synonyms.repository.js';
import { everyWordTsquery } from './ranking.js';
import { CORRECTION_FACTOR, SYNONYM_FACTOR, type QueryTerms } from './terms.js';

/** Where `needle` occurs in `haystack` as consecutive words (start indexes). */
function occurrences(haystack: string[], needle: string[]): number[] {
  const found: number[] = [];
  for (let start = 0; start + needle.length <= haystack.length; start += 1)
    if (needle.every((word, offset) => haystack[start + offset] === word)) found.push(start);
  return found;
}

/**
 * KB-3 item 4: the synonyms of each query word, from the experts' groups (`queryTerms`'s
 * synonym source). A term of a group is named by the query when its words follow each other
 * there ("lave-vaisselle", "lave vaisselle": lave then vaisselle; "vaisselle" alone names
 * nothing); then every word of it gets the group's other terms, so each word of the phrase is
 * also found through the synonym and an item saying only "dishwasher" holds them all. A phrase
 * synonym is given as its words that count (no stop word: "à" is a lexeme of every other
 * item), whose lexemes become alternatives of the word: "dishwasher" finds "lave-vaisselle" and
 * "lave vaisselle" alike, and, less well, an item saying only "lave" (a word's best lexeme counts).
 */
export async function synonymsOf(tx: Queryable, words: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const keys = words.map(singular);
  const groups = await groupsWithWords(tx, [...new Set(keys)]);
  for (const group of groups) {
    const terms = group.terms.map((term) => ({ text: termText(term), words: termWords(term) }));
    for (const named of terms) {
      if (named.words.length === 0) continue;
      const starts = occurrences(keys, named.words);
      if (starts.length === 0) continue;
      const others = terms
        .filter((other) => other !== named && other.words.length > 0)
        .map((other) => other.text);
      for (const start of starts)
        for (const word of words.slice(start, start + named.words.length))
          result.set(word, [...new Set([...(result.get(word) ?? []), ...others])]);
    }
  }
  return result;
}

/**
 * A synonym weighs at most SYNONYM_FACTOR × the word's own best weight. BM25 weighs a lexeme
 * by its rarity, and a synonym in the other language is often rarer than the word typed (the
 * base says "livraison" everywhere, "delivery" once): unbounded, the one English item would
 * outrank every French item holding the very word asked. A word the base does not hold keeps
 * its synonyms' weights (its own is the highest there is).
 */
export function boundSynonyms<T extends { word: number; lexeme: string; weight: number }>(
  lexemes: T[],
  terms: QueryTerms,
): T[] {
  const factor = (l: T) => terms.words[l.word]?.lexemes.find((t) => t.lexeme === l.lexeme)?.factor ?? 1;
  const own = new Map<number, number>();
  for (const l of lexemes) if (factor(l) === 1) own.set(l.word, Math.max(own.get(l.word) ?? 0, l.weight));
  return lexemes.map((l) => {
    const bound = own.get(l.word);
    return factor(l) === SYNONYM_FACTOR && bound !== undefined
      ? { ...l, weight: Math.min(l.weight, bound * SYNONYM_FACTOR) }
      : l;
  });
}

/**
 * The Ctrl+K palette's candidates widened by synonyms: items holding every word, a word counting
 * as present through one of its synonyms too (the last still a prefix); never through a typo
 * correction (the palette does not correct). '' when no word has a synonym.
 */
export function strictSynonymTsquery(terms: QueryTerms): string {
  if (!terms.words.some((word) => word.lexemes.some((l) => l.factor === SYNONYM_FACTOR))) return '';
  const words = terms.words.map((word) => ({
    ...word,
    lexemes: word.lexemes.filter((l) => l.factor !== CORRECTION_FACTOR),
  }));
  return everyWordTsquery({ ...terms, words });
}

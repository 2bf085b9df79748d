import { distance } from 'fastest-levenshtein';
import type { Queryable } from '../../../db/client.js';
import { lexemesOfWords, wordCandidates } from './ranking.repository.js';
import type { ParsedQuery } from './search.query.js';
import { configsFor } from './search.query.js';
import { isStopWord } from './stop-words.js';

/**
 * The meaningful words of a query (KB-3), each with the lexemes that may stand for it in an
 * item: its stems in French and English, the correction of a word the base does not know, and
 * (KB-3 item 4) its synonyms. Each lexeme carries a factor: a correction or a synonym counts a
 * little less than the word typed.
 */
export type TermLexeme = { lexeme: string; prefix: boolean; factor: number };
export type QueryWord = { word: string; lexemes: TermLexeme[] };
export type QueryTerms = { words: QueryWord[]; corrections: Map<string, string> };

export const CORRECTION_FACTOR = 0.8;
export const SYNONYM_FACTOR = 0.9;

export const foldWord = (word: string) =>
  word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Tokens of the text outside exclusions (-word, -"phrase"), stop words left out, once each. */
export function meaningfulTokens(text: string): string[] {
  const kept = text.replace(/(^|\s)-("[^"]*"?|\S+)/g, ' ');
  const seen = new Set<string>();
  for (const token of kept.split(/[^\p{L}\p{N}]+/u)) {
    const folded = foldWord(token);
    if (folded.length < 2 || isStopWord(folded)) continue;
    seen.add(folded);
  }
  return [...seen];
}

/** Edits allowed to correct a word of this length: 1 up to 5 letters, 2 beyond; none under 4. */
const maxEdits = (length: number) => (length < 4 ? 0 : length <= 5 ? 1 : 2);

/**
 * The closest known word of each unknown word, when it is within `maxEdits`; a word the base
 * knows is never corrected, nor one with digits.
 */
export async function correctWords(tx: Queryable, tokens: string[]): Promise<Map<string, string>> {
  const corrections = new Map<string, string>();
  const candidates = tokens.filter((token) => maxEdits(token.length) > 0 && /^\p{L}+$/u.test(token));
  if (candidates.length === 0) return corrections;
  for (const row of await wordCandidates(tx, candidates)) {
    if (row.known) continue;
    let best: { word: string; edits: number } | null = null;
    for (const candidate of row.candidates) {
      const edits = distance(row.word, candidate);
      if (edits <= maxEdits(row.word.length) && (!best || edits < best.edits))
        best = { word: candidate, edits };
    }
    if (best) corrections.set(row.word, best.word);
  }
  return corrections;
}

export type TermOptions = {
  lang?: string | null;
  /** Synonyms of each folded word (item 4); none when absent. */
  synonyms?: (tx: Queryable, words: string[]) => Promise<Map<string, string[]>>;
};

/** The query's words and their lexemes; the word being typed (`parsed.prefix`) matches as a prefix. */
export async function queryTerms(
  tx: Queryable,
  parsed: ParsedQuery,
  options: TermOptions = {},
): Promise<QueryTerms> {
  const tokens = meaningfulTokens(parsed.text);
  const prefix = parsed.prefix ? foldWord(parsed.prefix) : null;
  const typed = prefix && !tokens.includes(prefix) ? [...tokens, prefix] : tokens;
  if (typed.length === 0) return { words: [], corrections: new Map() };
  const corrections = await correctWords(tx, tokens);
  // The word being typed too: the web searches as people type, so the query's last word is
  // always one (a whole word names a synonym; a partial one names none).
  const synonyms = options.synonyms ? await options.synonyms(tx, typed) : new Map<string, string[]>();
  const everyWord = new Set([...typed, ...corrections.values(), ...[...synonyms.values()].flat()]);
  const lexemes = await lexemesOfWords(tx, [...everyWord], configsFor(options.lang));
  const words = typed.map((word) => {
    const isPrefix = word === prefix && !tokens.includes(word);
    const found = new Map<string, TermLexeme>();
    const add = (source: string, factor: number, prefix = isPrefix) => {
      for (const lexeme of lexemes.get(source) ?? []) {
        const known = found.get(lexeme);
        if (!known || known.factor < factor) found.set(lexeme, { lexeme, prefix, factor });
      }
    };
    add(word, 1);
    const correction = corrections.get(word);
    if (correction) add(correction, CORRECTION_FACTOR);
    // A synonym is a whole word even when the word typed is still a prefix.
    for (const synonym of synonyms.get(word) ?? []) add(synonym, SYNONYM_FACTOR, false);
    return { word, lexemes: [...found.values()] };
  });
  return { words: words.filter((word) => word.lexemes.length > 0), corrections };
}

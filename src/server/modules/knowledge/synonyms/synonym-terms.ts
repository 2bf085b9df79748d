import { foldWord, meaningfulTokens } from '../search/terms.js';

/**
 * How synonym terms compare with query words (KB-3 item 4). A term is a word or a phrase; its
 * words are the query's tokens (letters and digits, stop words of both languages left out), so
 * "lave-vaisselle", "Lave vaisselle" and "lave-vaisselles" are the same term. A final s or x is
 * dropped on both sides: "fours" meets "four", "quotations" meets "quotation", without the
 * stemmer's collisions ("devis" and "devant" share the stem "dev").
 */
export const singular = (word: string) => (word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word);

/** The term folded: lower case, no accents, its words separated by one space. */
export const foldTerm = (term: string) =>
  foldWord(term)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');

/** The words of a term that count, folded ("machine à laver" → machine laver): what stands for it in a query. */
export const termText = (term: string) => meaningfulTokens(foldTerm(term)).join(' ');

/** Those words in the singular: what a query must hold, in this order, to name the term. */
export const termWords = (term: string) => meaningfulTokens(foldTerm(term)).map(singular);

/** Terms as stored: trimmed as typed, folded, and every word of them (the lookup index). */
export function groupValues(terms: string[]) {
  const typed = terms.map((term) => term.trim().replace(/\s+/g, ' '));
  return {
    terms: typed,
    folded: typed.map(foldTerm),
    words: [...new Set(typed.flatMap(termWords))],
  };
}

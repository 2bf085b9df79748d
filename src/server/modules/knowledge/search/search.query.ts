import type { Queryable } from '../../../db/client.js';
import { evaluateTsqueries } from './search.repository.js';

/**
 * Turns what the user typed into a PostgreSQL tsquery (KB-3), in French, English or both:
 * `websearch_to_tsquery` gives phrases ("…"), exclusion (-word) and `or`; the last word,
 * while still being typed, becomes a prefix (`word:*`); accents are folded by the
 * relais_fr / relais_en configurations. Typos are corrected per word in terms.ts.
 */
export type ParsedQuery = { text: string; prefix: string | null; words: string[] };

const WORD = /^[\p{L}\p{N}]+$/u;

export function parseQuery(raw: string, options: { prefix?: boolean } = {}): ParsedQuery {
  const text = raw.replace(/[\u0000-\u001f]/g, ' ').slice(0, 300);
  const quotes = (text.match(/"/g) ?? []).length;
  let rest = text;
  let prefix: string | null = null;
  if (options.prefix !== false && quotes % 2 === 0 && !/\s$/.test(text)) {
    const match = text.match(/(^|\s)([\p{L}\p{N}]+)$/u);
    if (match && match[2].length >= 2) {
      prefix = match[2];
      rest = text.slice(0, text.length - match[2].length);
    }
  }
  // Words that may be corrected: outside quotes, not excluded.
  const words = text
    .replace(/"[^"]*"/g, ' ')
    .split(/\s+/)
    .filter((word) => WORD.test(word) && word.length >= 3 && !/^(or|and)$/i.test(word));
  return { text: rest.trim(), prefix, words };
}

export const configsFor = (lang?: string | null) =>
  lang === 'en' ? ['relais_en'] : lang === 'fr' ? ['relais_fr'] : ['relais_fr', 'relais_en'];

/** The tsquery (as text) for `parsed`, OR-ed across the configurations; '' when nothing is searchable. */
export async function toTsquery(tx: Queryable, parsed: ParsedQuery, lang?: string | null): Promise<string> {
  const parts = configsFor(lang).map(
    (config) =>
      `(websearch_to_tsquery('${config}', $1) && (case when $2::text is null then ''::tsquery else to_tsquery('${config}', $2 || ':*') end))::text`,
  );
  const prefix = parsed.prefix && WORD.test(parsed.prefix) ? parsed.prefix : null;
  const evaluated = await evaluateTsqueries(tx, parts, parsed.text, prefix);
  // Only stop words in one of the languages (« le la les », "the of"): nothing to search.
  if (evaluated.some((part) => !part)) return '';
  return evaluated.map((part) => `(${part})`).join(' | ');
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A headline made with \u0001…\u0002 markers → escaped text with <mark> (safe to render). */
export function markSnippet(headline: string): string {
  const flat = headline
    .replace(/[#*_`>|]+/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return escapeHtml(flat)
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
}

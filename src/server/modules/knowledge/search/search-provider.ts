import type { SearchProvider } from '../../../platform/search-registry.js';
import { searchKnowledge } from './search.service.js';

const TYPE_LABELS: Record<string, string> = {
  product_sheet: 'Fiche produit',
  procedure: 'Procédure',
  answer: 'Réponse',
  objection: 'Objection',
  competitor_watch: 'Veille concurrence',
  win_story: 'Succès',
  training: 'Formation',
};

/**
 * The knowledge provider of the global search (Ctrl+K). Providers' scores are compared (people
 * score ~0.2–1.2, accounts similar), so: only items holding every term (prefix on the last; no
 * any-word or typo fallback), and an absolute scale — all terms in the title 0.45–0.85, elsewhere
 * 0.2–0.45 — so a close match of another type is never buried under loose knowledge hits.
 */
export const knowledgeSearchProvider: SearchProvider = async (ctx, query, limit) => {
  const result = await searchKnowledge(ctx, { q: query, limit, strict: true });
  const best = result.items[0]?.score || 1;
  const scoreOf = (item: { score: number; allInTitle?: boolean }) => {
    const relative = Math.max(0, Math.min(1, item.score / best));
    return item.allInTitle ? 0.45 + 0.4 * relative : 0.2 + 0.25 * relative;
  };
  return result.items
    .map((item) => ({
      type: 'knowledge',
      id: item.id,
      title: item.title,
      subtitle: `${TYPE_LABELS[item.type] ?? item.type} · ${item.snippet
        .replace(/<\/?mark>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .slice(0, 140)}`,
      url: `/knowledge/${item.id}`,
      score: scoreOf(item),
    }))
    .sort((a, b) => b.score - a.score);
};

import type { SearchProvider } from '../../../platform/search-registry.js';
import { searchSituations } from './situations.repository.js';

/** Situations in the global search (Ctrl+K). */
export const situationSearchProvider: SearchProvider = async (ctx, query, limit) => {
  const rows = await searchSituations(ctx.tx, query, limit);
  return rows.map((row) => ({
    type: 'situation',
    id: row.id,
    title: row.name,
    subtitle: row.description.slice(0, 140) || null,
    url: `/knowledge/situations/${row.id}`,
    score: Math.min(1, 0.3 + Number(row.score)),
  }));
};

import type { SearchProvider } from '../../../platform/search-registry.js';
import { searchAccountRows } from './accounts.repository.js';

/** Accounts in the global search: by name (accent-insensitive, typo-tolerant), city or SIREN — under RLS. */
export const searchAccounts: SearchProvider = async (ctx, query, limit) => {
  const rows = await searchAccountRows(ctx.tx, query, limit);
  return rows.map((row) => ({
    type: 'account',
    id: row.id,
    title: row.name,
    subtitle: [row.city, row.segment].filter(Boolean).join(' · ') || null,
    url: `/accounts/${row.id}`,
    score: Number(row.score) + 0.1,
    visibility: row.visibility,
    ownerId: row.owner_id,
  }));
};

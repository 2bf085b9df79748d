import type { SearchProvider } from '../../../platform/search-registry.js';
import { searchContactRows } from './contacts.repository.js';

/** Contacts in the global search: by name (accent-insensitive, typo-tolerant) or e-mail — under RLS; erased ones never. */
export const searchContacts: SearchProvider = async (ctx, query, limit) => {
  const rows = await searchContactRows(ctx.tx, query, limit);
  return rows.map((row) => ({
    type: 'contact',
    id: row.id,
    title: row.name,
    subtitle: [row.title, row.account_name].filter(Boolean).join(' · ') || null,
    url: `/contacts/${row.id}`,
    score: Number(row.score),
    visibility: row.visibility,
    ownerId: row.owner_id,
  }));
};

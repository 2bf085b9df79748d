import type { SearchProvider } from '../../../platform/search-registry.js';

/** Accounts in the global search: by name (accent-insensitive, typo-tolerant), city or SIREN — under RLS. */
export const searchAccounts: SearchProvider = async (ctx, query, limit) => {
  const rows = await ctx.tx.query(
    `select a.id, a.name, a.city, a.kind, a.segment,
            greatest(similarity(relais_unaccent(lower(a.name)), relais_unaccent(lower($1))),
                     case when relais_unaccent(lower(a.name)) like relais_unaccent(lower($1)) || '%' then 0.9
                          when relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower($1)) || '%' then 0.6 else 0 end,
                     case when a.siren = replace($1, ' ', '') then 1 else 0 end,
                     case when relais_unaccent(lower(coalesce(a.city, ''))) = relais_unaccent(lower($1)) then 0.5 else 0 end) as score
       from accounts a
      where relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower($1)) || '%'
         or relais_unaccent(lower(a.name)) % relais_unaccent(lower($1))
         or a.siren = replace($1, ' ', '')
         or relais_unaccent(lower(coalesce(a.city, ''))) = relais_unaccent(lower($1))
      order by score desc, a.name limit $2`,
    [query, limit],
  );
  return rows.map((row: any) => ({
    type: 'account',
    id: row.id,
    title: row.name,
    subtitle: [row.city, row.segment].filter(Boolean).join(' · ') || null,
    url: `/accounts/${row.id}`,
    score: Number(row.score) + 0.1,
  }));
};

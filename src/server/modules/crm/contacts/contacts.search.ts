import type { SearchProvider } from '../../../platform/search-registry.js';

/** Contacts in the global search: by name (accent-insensitive, typo-tolerant) or e-mail — under RLS; erased ones never. */
export const searchContacts: SearchProvider = async (ctx, query, limit) => {
  const rows = await ctx.tx.query(
    `select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.title,
            (select a.name from account_contacts ac join accounts a on a.id = ac.account_id where ac.contact_id = c.id order by ac.is_primary desc limit 1) as account_name,
            greatest(similarity(relais_unaccent(lower(c.first_name || ' ' || c.last_name)), relais_unaccent(lower($1))),
                     case when relais_unaccent(lower(c.first_name || ' ' || c.last_name)) like '%' || relais_unaccent(lower($1)) || '%' then 0.7 else 0 end,
                     case when exists (select 1 from jsonb_array_elements(c.emails) e where e ->> 'address' = lower($1)) then 1 else 0 end) as score
       from contacts c
      where c.erased_at is null
        and (relais_unaccent(lower(c.first_name || ' ' || c.last_name)) like '%' || relais_unaccent(lower($1)) || '%'
             or relais_unaccent(lower(c.first_name || ' ' || c.last_name)) % relais_unaccent(lower($1))
             or exists (select 1 from jsonb_array_elements(c.emails) e where e ->> 'address' like '%' || lower($1) || '%'))
      order by score desc, c.last_name limit $2`,
    [query, limit],
  );
  return rows.map((row: any) => ({
    type: 'contact',
    id: row.id,
    title: row.name,
    subtitle: [row.title, row.account_name].filter(Boolean).join(' · ') || null,
    url: `/contacts/${row.id}`,
    score: Number(row.score),
  }));
};

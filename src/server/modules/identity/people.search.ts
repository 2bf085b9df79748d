import type { SearchProvider } from '../../platform/search-registry.js';

/** People in the global search: colleagues by name, e-mail or team (everyone sees the staff directory). */
export const searchPeople: SearchProvider = async (ctx, query, limit) => {
  const rows = await ctx.tx.query(
    `select u.id, trim(u.first_name || ' ' || u.last_name) as name, u.email, t.name as team_name,
            greatest(similarity(unaccent(lower(u.first_name || ' ' || u.last_name)), unaccent(lower($1))),
                     similarity(lower(u.email), lower($1))) as score
       from users u left join teams t on t.id = u.team_id
      where u.active and (unaccent(lower(u.first_name || ' ' || u.last_name)) like '%' || unaccent(lower($1)) || '%'
             or lower(u.email) like '%' || lower($1) || '%'
             or unaccent(lower(u.first_name || ' ' || u.last_name)) % unaccent(lower($1)))
      order by score desc limit $2`,
    [query, limit],
  );
  return rows.map((row: any) => ({
    type: 'person',
    id: row.id,
    title: row.name || row.email,
    subtitle: [row.team_name, row.email].filter(Boolean).join(' · '),
    url: `/people/${row.id}`,
    score: Number(row.score) + 0.2,
  }));
};

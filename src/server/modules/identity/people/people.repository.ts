import type { Queryable } from '../../../db/client.js';

export type PersonHit = { id: string; name: string; email: string; teamName: string | null; score: number };

/** Active colleagues whose name or e-mail contains the words, or whose name resembles them, best first. */
export async function findPeople(db: Queryable, query: string, limit: number): Promise<PersonHit[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    email: string;
    team_name: string | null;
    score: number | string;
  }>(
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
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    teamName: row.team_name,
    score: Number(row.score),
  }));
}

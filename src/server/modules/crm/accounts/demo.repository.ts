import type { Queryable } from '../../../db/client.js';

/** Multi-row INSERT in chunks (one round trip per `chunk` rows); demo seeding only. */
export async function insertMany(
  tx: Queryable,
  table: string,
  rows: Record<string, unknown>[],
  chunk = 250,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    const tuples = slice.map(
      (row) => `(${columns.map((column) => `$${params.push(row[column])}`).join(', ')})`,
    );
    await tx.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  }
}

export type SellerRow = {
  id: string;
  email: string;
  role: string;
  team_id: string | null;
  region_name: string | null;
};

/** Active reps and managers with the name of their region (the team's parent, or the team). */
export async function findSellerRows(db: Queryable): Promise<SellerRow[]> {
  return db.query<SellerRow>(
    `select u.id, u.email, u.role, u.team_id, coalesce(p.name, t.name) as region_name
       from users u left join teams t on t.id = u.team_id left join teams p on p.id = t.parent_id and t.kind = 'team'
      where u.active and u.role in ('rep', 'manager') order by u.email`,
  );
}

import type { Queryable } from '../../../db/client.js';

/** The demo sales seeding's SQL: bulk inserts and the reads it builds on (system connection). */

/** Multi-row INSERT of positional rows in chunks (one round trip per `chunk` rows). */
export async function bulkInsert(
  tx: Queryable,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 400,
) {
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    const values = slice.map(
      (row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`,
    );
    await tx.query(`insert into ${table} (${columns.join(', ')}) values ${values.join(', ')}`, params);
  }
}

/** A demo product created 20 months ago, with its price history (repriced 5 months ago). */
export async function insertDemoProduct(
  tx: Queryable,
  product: {
    id: string;
    reference: string;
    name: string;
    description: string;
    price: number;
    oldPrice: number;
    discount: number;
    category: string;
    active: boolean;
  },
) {
  const { id, reference, name, description, price, oldPrice, discount, category, active } = product;
  await tx.query(
    `insert into products (id, reference, name, description_md, unit_price, discount_percent, category, active, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, now() - interval '20 months')`,
    [id, reference, name, description, price, discount, category, active],
  );
  await tx.query(
    `insert into product_price_history (product_id, changed_at, old_price, new_price, old_discount, new_discount) values ($1, now() - interval '20 months', null, $2, null, 0), ($1, now() - interval '5 months', $2, $3, 0, $4)`,
    [id, oldPrice, price, discount],
  );
}

export async function insertProductDocument(
  tx: Queryable,
  productId: string,
  file: { name: string; contentType: string; size: number; sha256: string },
) {
  await tx.query(
    `insert into documents (parent_type, parent_id, file_name, content_type, size_bytes, sha256) values ('product', $1, $2, $3, $4, $5)`,
    [productId, file.name, file.contentType, file.size, file.sha256],
  );
}

export type DemoAccount = {
  id: string;
  name: string;
  owner_id: string;
  team_id: string | null;
  visibility: string;
  contacts: string[];
};

/** Every live account with its contacts' ids, oldest first. */
export async function findDemoAccounts(tx: Queryable): Promise<DemoAccount[]> {
  return tx.query<DemoAccount>(
    `select a.id, a.name, a.owner_id, a.team_id, a.visibility,
            coalesce(array(select contact_id from account_contacts ac where ac.account_id = a.id), '{}') as contacts
       from accounts a where a.merged_into_id is null order by a.created_at, a.id`,
  );
}

const DEMO_REPS = `('rep@relais.demo', 'rep2@relais.demo', 'rep3@relais.demo')`;

export async function findDemoReps(tx: Queryable): Promise<{ id: string; team_id: string; email: string }[]> {
  return tx.query<{ id: string; team_id: string; email: string }>(
    `select id, team_id, email from users where email in ${DEMO_REPS}`,
  );
}

/** The demo reps' ids, by e-mail. */
export async function findDemoRepIds(tx: Queryable): Promise<{ id: string }[]> {
  return tx.query<{ id: string }>(`select id from users where email in ${DEMO_REPS} order by email`);
}

export async function insertDemoAccount(
  tx: Queryable,
  account: { name: string; ownerId: string; teamId: string | null; visibility: 'team' | 'secret' },
) {
  await tx.query(
    `insert into accounts (name, kind, owner_id, team_id, visibility, city) values ($1, 'customer', $2, $3, $4, 'Paris')`,
    [account.name, account.ownerId, account.teamId, account.visibility],
  );
}

/** Stage key → id. */
export async function findStageIds(tx: Queryable): Promise<Map<string, string>> {
  const rows = await tx.query<{ key: string; id: string }>(`select key, id from offer_stages`);
  return new Map(rows.map((s) => [s.key, s.id]));
}

/** User id → team id. */
export async function findUserTeams(tx: Queryable): Promise<Map<string, string | null>> {
  const rows = await tx.query<{ id: string; team_id: string | null }>(`select id, team_id from users`);
  return new Map(rows.map((u) => [u.id, u.team_id]));
}

import type { TestApp } from '../../../../../test/app.js';

export const SECRET_ACCOUNT = 'Compte confidentiel Oméga';

async function userOf(t: TestApp, email: string) {
  const [user] = await t.db.query<{ id: string; team_id: string }>(
    `select id, team_id from users where email = $1`,
    [email],
  );
  return user;
}

/** An account by name, created (as the database owner) when the accounts part has not seeded it. */
export async function ensureAccount(
  t: TestApp,
  name: string,
  ownerEmail: string,
  visibility: string,
): Promise<string> {
  const found = await t.db.query<{ id: string }>(
    `select id from accounts where name = $1 order by created_at limit 1`,
    [name],
  );
  if (found[0]) return found[0].id;
  const owner = await userOf(t, ownerEmail);
  const [row] = await t.db.query<{ id: string }>(
    `insert into accounts (name, kind, owner_id, team_id, visibility, city, sector) values ($1, 'customer', $2, $3, $4, 'Paris', 'Restauration') returning id`,
    [name, owner.id, owner.team_id, visibility],
  );
  return row.id;
}

export const secretAccount = (t: TestApp) => ensureAccount(t, SECRET_ACCOUNT, 'rep@relais.demo', 'secret');
export const teamAccountOf = (t: TestApp, email: string) =>
  ensureAccount(t, `Compte d'équipe de ${email}`, email, 'team');

export async function anyProduct(t: TestApp): Promise<{ id: string; unitPrice: number; discount: number }> {
  const rows = await t.db.query<{ id: string; unit_price: number; discount_percent: number }>(
    `select id, unit_price, discount_percent from products where active order by reference limit 1`,
  );
  if (rows[0])
    return {
      id: rows[0].id,
      unitPrice: Number(rows[0].unit_price),
      discount: Number(rows[0].discount_percent),
    };
  const [row] = await t.db.query<{ id: string }>(
    `insert into products (reference, name, unit_price, discount_percent) values ('TST-001', 'Four mixte test', 1000, 5) returning id`,
  );
  return { id: row.id, unitPrice: 1000, discount: 5 };
}

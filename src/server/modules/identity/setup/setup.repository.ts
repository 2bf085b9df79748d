import type { Queryable } from '../../../db/client.js';

// One setup at a time across instances: the count of admins is then read under the lock.
const SETUP_LOCK = 7301955203;

export async function countAdmins(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    `select count(*)::int as count from users where role = 'admin'`,
  );
  return row.count;
}

export async function lockSetup(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(${SETUP_LOCK})`);
}

export async function insertNation(tx: Queryable, name: string): Promise<string> {
  const [team] = await tx.query<{ id: string }>(
    `insert into teams (name, kind) values ($1, 'nation') returning id`,
    [name],
  );
  return team.id;
}

export async function insertAdmin(
  tx: Queryable,
  input: { email: string; passwordHash: string; firstName: string; lastName: string; teamId: string },
): Promise<string> {
  const [user] = await tx.query<{ id: string }>(
    `insert into users (email, password_hash, first_name, last_name, role, team_id) values ($1, $2, $3, $4, 'admin', $5) returning id`,
    [input.email, input.passwordHash, input.firstName, input.lastName, input.teamId],
  );
  return user.id;
}

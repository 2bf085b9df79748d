import type { Queryable } from '../../../db/client.js';

export async function insertDemoTeam(
  tx: Queryable,
  team: { name: string; kind: string; parentId: string | null },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into teams (name, kind, parent_id) values ($1, $2, $3) returning id`,
    [team.name, team.kind, team.parentId],
  );
  return row.id;
}

/** A demo user who last signed in `hoursAgo` hours ago. */
export async function insertDemoUser(
  tx: Queryable,
  user: {
    email: string;
    passwordHash: string;
    firstName: string;
    lastName: string;
    role: string;
    teamId: string | undefined;
    hoursAgo: number;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into users (email, password_hash, first_name, last_name, role, team_id, last_login_at) values ($1, $2, $3, $4, $5, $6, now() - make_interval(hours => $7)) returning id`,
    [user.email, user.passwordHash, user.firstName, user.lastName, user.role, user.teamId, user.hoursAgo],
  );
  return row.id;
}

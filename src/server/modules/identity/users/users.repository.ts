import type { Locale, Role } from '../../../../common/roles.js';
import type { Queryable } from '../../../db/client.js';
import type { Me, User, UserChanges } from './users.schemas.js';

const USER_COLUMNS = `u.id, u.email, u.first_name, u.last_name, u.role, u.team_id, t.name as team_name, u.locale,
  u.active, u.last_login_at, u.created_at, u.password_hash`;

export type UserRow = User & { passwordHash: string | null };

type UserDbRow = {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  team_id: string | null;
  team_name: string | null;
  locale: Locale;
  active: boolean;
  last_login_at: string | null;
  created_at: string;
  password_hash: string | null;
};

export const toUser = (row: UserDbRow): UserRow => ({
  id: row.id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  displayName: `${row.first_name} ${row.last_name}`.trim() || row.email,
  role: row.role,
  teamId: row.team_id,
  teamName: row.team_name ?? null,
  locale: row.locale,
  active: row.active,
  lastLoginAt: row.last_login_at,
  createdAt: row.created_at,
  passwordHash: row.password_hash,
});

export const toMe = ({
  id,
  email,
  firstName,
  lastName,
  displayName,
  role,
  teamId,
  teamName,
  locale,
}: UserRow): Me => ({
  id,
  email,
  firstName,
  lastName,
  displayName,
  role,
  teamId,
  teamName,
  locale,
});

/** Strips the password hash: what the API may show of a user. */
export const publicUser = ({ passwordHash: _hidden, ...user }: UserRow): User => user;

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserDbRow>(
    `select ${USER_COLUMNS} from users u left join teams t on t.id = u.team_id where u.id = $1`,
    [id],
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserDbRow>(
    `select ${USER_COLUMNS} from users u left join teams t on t.id = u.team_id where lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

export type UserFilters = { q?: string; role?: string; teamId?: string; active?: boolean };

/** Lists users with filters; `order` comes from `orderBy` (an allow-list), never user text. */
export async function findUsers(
  db: Queryable,
  filters: UserFilters,
  order: string,
  limit: number,
  offset: number,
) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.q) {
    params.push(`%${filters.q.toLowerCase()}%`);
    where.push(
      `(lower(u.email) like $${params.length} or lower(unaccent(u.first_name || ' ' || u.last_name)) like unaccent($${params.length}))`,
    );
  }
  if (filters.role) where.push(`u.role = $${params.push(filters.role)}`);
  if (filters.teamId) where.push(`u.team_id = $${params.push(filters.teamId)}`);
  if (filters.active !== undefined) where.push(`u.active = $${params.push(filters.active)}`);
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const rows = await db.query<UserDbRow>(
    `select ${USER_COLUMNS} from users u left join teams t on t.id = u.team_id ${clause} ${order}
      limit ${limit + 1} offset ${offset}`,
    params,
  );
  const [{ count }] = await db.query<{ count: number }>(
    `select count(*)::int as count from users u ${clause}`,
    params,
  );
  return { rows: rows.map(toUser), total: count };
}

/** A user changes their own name or language; unset fields keep their value. */
export async function updateOwnProfile(
  tx: Queryable,
  userId: string,
  input: { firstName?: string; lastName?: string; locale?: string },
): Promise<void> {
  await tx.query(
    `update users set first_name = coalesce($2, first_name), last_name = coalesce($3, last_name),
            locale = coalesce($4, locale), updated_at = now() where id = $1`,
    [userId, input.firstName ?? null, input.lastName ?? null, input.locale ?? null],
  );
}

/** Ends every session of a user (a deactivated account signs out everywhere at once). */
export async function deleteUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.query(`delete from sessions where user_id = $1`, [userId]);
}

export async function teamExists(db: Queryable, teamId: string): Promise<boolean> {
  const rows = await db.query(`select 1 from teams where id = $1`, [teamId]);
  return rows.length > 0;
}

export async function isEmailTaken(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.query(`select 1 from users where lower(email) = lower($1)`, [email]);
  return rows.length > 0;
}

/** Creates an invited user (no password yet) whose invitation expires after `inviteDays`. */
export async function insertInvitedUser(
  db: Queryable,
  input: { email: string; firstName: string; lastName: string; role: Role; teamId: string | null },
  inviteTokenHash: string,
  inviteDays: number,
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into users (email, first_name, last_name, role, team_id, invite_token_hash, invite_expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) returning id`,
    [input.email, input.firstName, input.lastName, input.role, input.teamId, inviteTokenHash, inviteDays],
  );
  return row.id;
}

export async function countOtherActiveAdmins(db: Queryable, userId: string): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    `select count(*)::int as count from users where role = 'admin' and active and id <> $1`,
    [userId],
  );
  return count;
}

/** An admin's changes to a user: unset fields keep their value; `teamId: null` leaves the team. */
export async function updateUserRow(db: Queryable, id: string, changes: UserChanges): Promise<void> {
  await db.query(
    `update users set role = coalesce($2, role), team_id = case when $3::boolean then $4::uuid else team_id end,
            active = coalesce($5, active), first_name = coalesce($6, first_name), last_name = coalesce($7, last_name),
            updated_at = now() where id = $1`,
    [
      id,
      changes.role ?? null,
      changes.teamId !== undefined,
      changes.teamId ?? null,
      changes.active ?? null,
      changes.firstName ?? null,
      changes.lastName ?? null,
    ],
  );
}

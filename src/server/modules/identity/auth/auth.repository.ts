import type { Queryable } from '../../../db/client.js';

/** Opens a session row (keyed by the cookie's hash) that ends after `idleDays` unused. */
export async function insertSession(
  db: Queryable,
  session: {
    id: string;
    userId: string;
    csrfToken: string;
    idleDays: number;
    ip: string;
    userAgent: string | null;
  },
): Promise<void> {
  await db.query(
    `insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent)
     values ($1, $2, $3, now() + make_interval(days => $4), $5, $6)`,
    [session.id, session.userId, session.csrfToken, session.idleDays, session.ip, session.userAgent],
  );
}

export async function markSignedIn(db: Queryable, userId: string): Promise<void> {
  await db.query(`update users set last_login_at = now() where id = $1`, [userId]);
}

export async function deleteSession(db: Queryable, sessionHash: string): Promise<void> {
  await db.query(`delete from sessions where id = $1`, [sessionHash]);
}

export async function setPasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.query(`update users set password_hash = $2, updated_at = now() where id = $1`, [
    userId,
    passwordHash,
  ]);
}

/** Ends every session of a user but the one given (null: all of them). */
export async function deleteOtherSessions(
  db: Queryable,
  userId: string,
  keepSessionHash: string | null,
): Promise<void> {
  await db.query(`delete from sessions where user_id = $1 and id is distinct from $2`, [
    userId,
    keepSessionHash,
  ]);
}

/** Revokes every live API token of a user; answers how many. */
export async function revokeAllTokens(db: Queryable, userId: string): Promise<number> {
  const revoked = await db.query(
    `update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null returning id`,
    [userId],
  );
  return revoked.length;
}

/** Sets the password of an invited user and voids the invitation; false when it was already used. */
export async function consumeInvite(
  db: Queryable,
  userId: string,
  inviteTokenHash: string,
  passwordHash: string,
): Promise<boolean> {
  const updated = await db.query(
    `update users set password_hash = $2, invite_token_hash = null, invite_expires_at = null, updated_at = now()
      where id = $1 and invite_token_hash = $3 returning id`,
    [userId, passwordHash, inviteTokenHash],
  );
  return updated.length > 0;
}

/** The active user a live invitation belongs to. */
export async function findInvitedUserId(db: Queryable, inviteTokenHash: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    `select id from users where invite_token_hash = $1 and invite_expires_at > now() and active`,
    [inviteTokenHash],
  );
  return row?.id;
}

/**
 * Resumes a live session: slides its idle expiry, capped by the absolute lifetime counted from
 * sign-in. Answers its user and CSRF token, or nothing when it has ended.
 */
export async function resumeSession(
  db: Queryable,
  sessionHash: string,
  idleDays: number,
  maxDays: number,
): Promise<{ userId: string; csrfToken: string } | undefined> {
  const [row] = await db.query<{ user_id: string; csrf_token: string }>(
    `update sessions set last_seen_at = now(),
            expires_at = least(now() + make_interval(days => $2), created_at + make_interval(days => $3))
      where id = $1 and expires_at > now() and created_at > now() - make_interval(days => $3)
      returning user_id, csrf_token`,
    [sessionHash, idleDays, maxDays],
  );
  return row && { userId: row.user_id, csrfToken: row.csrf_token };
}

/** Notes the use of a live API token; answers its id and user, or nothing when revoked or unknown. */
export async function useApiToken(
  db: Queryable,
  tokenHash: string,
): Promise<{ id: string; userId: string } | undefined> {
  const [row] = await db.query<{ id: string; user_id: string }>(
    `update api_tokens set last_used_at = now() where token_hash = $1 and revoked_at is null returning id, user_id`,
    [tokenHash],
  );
  return row && { id: row.id, userId: row.user_id };
}

import type { Database, Queryable } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, badRequest, conflict, forbidden } from '../../../platform/errors.js';
import { findSsoSettings } from '../sso/sso.repository.js';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../shared/credentials.js';
import { findUserByEmail, findUserById, type UserRow } from '../users/users.repository.js';
import {
  consumeInvite,
  deleteOtherSessions,
  deleteSession,
  findInvitedUserId,
  insertSession,
  markSignedIn,
  revokeAllTokens,
  setPasswordHash,
} from './auth.repository.js';
import { SESSION_IDLE_DAYS } from './authenticator.js';
import { blockedUntil, clearFailures, recordFailure } from './login-throttle.repository.js';

// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;

export type NewSession = { token: string; csrfToken: string; user: UserRow };

/**
 * Checks the throttle of this (e-mail, address), then the password (ID-2). Failures block only
 * the address that made them: the right password still works from anywhere else. When the
 * admin made single sign-on the only way in, only admins still sign in with a password: the
 * break-glass for a provider that is down or misconfigured.
 */
export async function signIn(db: Database, email: string, password: string, ip: string): Promise<NewSession> {
  const blocked = await blockedUntil(db, email, ip);
  if (blocked) throw lockedError(blocked);

  const user = await findUserByEmail(db, email);
  decoyHash ??= hashPassword(randomSecret());
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !valid || !user.active) {
    const until = await recordFailure(db, email, ip);
    await writeAudit(db, {
      actorId: user?.id ?? null,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user?.id,
      ip,
      details: { email },
    });
    if (until) throw lockedError(until);
    throw new AppError(401, 'auth.invalid_credentials', 'Wrong e-mail or password.');
  }
  await clearFailures(db, email, ip);
  // Checked after the password, so the answer tells nothing about an e-mail to who lacks it.
  await assertPasswordsAllowed(db, user);
  return createSession(db, user, ip);
}

/**
 * "Single sign-on only": a password opens no session (sign-in, accepted invitation) except an
 * administrator's, the way in when the provider is down.
 */
async function assertPasswordsAllowed(db: Queryable, user: UserRow): Promise<void> {
  if (user.role === 'admin') return;
  const sso = await findSsoSettings(db);
  if (sso.enabled && sso.ssoOnly)
    throw forbidden(
      'Password sign-in is off: this organisation signs in with single sign-on.',
      'auth.sso_only',
    );
}

function lockedError(until: string) {
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(until).getTime() - Date.now()) / 1000));
  return new AppError(
    429,
    'auth.locked',
    `Too many failed sign-ins from this address: try again after ${until}.`,
    [],
    { lockedUntil: until, retryAfterSeconds },
  );
}

/** Opens a session for `user` (after a password check, setup or an accepted invite). */
export async function createSession(
  db: Queryable,
  user: UserRow,
  ip: string,
  userAgent?: string,
  details?: Record<string, unknown>,
): Promise<NewSession> {
  const token = randomSecret();
  const csrfToken = randomSecret(24);
  await insertSession(db, {
    id: sha256(token),
    userId: user.id,
    csrfToken,
    idleDays: SESSION_IDLE_DAYS,
    ip,
    userAgent: userAgent ?? null,
  });
  await markSignedIn(db, user.id);
  await writeAudit(db, {
    actorId: user.id,
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    ip,
    details,
  });
  return { token, csrfToken, user };
}

export async function signOut(db: Queryable, sessionHash: string): Promise<void> {
  await deleteSession(db, sessionHash);
}

/**
 * Changes the password after checking the current one; other sessions are closed and, unless
 * the person keeps them, their API tokens are revoked (a changed password is often a leaked one).
 */
export async function changePassword(
  db: Database,
  userId: string,
  currentSessionHash: string | null,
  current: string,
  next: string,
  ip: string,
  options: { revokeTokens: boolean } = { revokeTokens: true },
) {
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw badRequest('auth.wrong_password', 'The current password is wrong.', [
      { field: 'currentPassword', message: 'Wrong password.', code: 'wrong_password' },
    ]);
  }
  const newHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, userId, newHash);
    await deleteOtherSessions(tx, userId, currentSessionHash);
    const tokensRevoked = options.revokeTokens ? await revokeAllTokens(tx, userId) : 0;
    await writeAudit(tx, {
      actorId: userId,
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: userId,
      ip,
      details: { tokensRevoked },
    });
  });
}

/** Sets the password of an invited user and signs them in; the invite is single-use. */
export async function acceptInvite(
  db: Database,
  token: string,
  password: string,
  ip: string,
): Promise<NewSession> {
  const user = await findInvitedUser(db, token);
  await assertPasswordsAllowed(db, user);
  const newHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (!(await consumeInvite(tx, user.id, sha256(token), newHash)))
      throw conflict('invite.used', 'This invitation was already used.');
    return createSession(tx, user, ip);
  });
}

export async function findInvitedUser(db: Queryable, token: string): Promise<UserRow> {
  const id = await findInvitedUserId(db, sha256(token));
  const user = id && (await findUserById(db, id));
  if (!user) throw new AppError(404, 'invite.not_found', 'This invitation does not exist or has expired.');
  return user;
}

import * as oidc from 'openid-client';
import type { Database, Queryable } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import type { AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { createSession, type NewSession } from '../auth/auth.service.js';
import { randomSecret, sha256 } from '../shared/credentials.js';
import { findUserByEmail, findUserById } from '../users/users.repository.js';
import { activeClient, providerUnreachable, redirectUriOf } from './sso.client.js';
import {
  consumeSsoState,
  findUserIdBySubject,
  insertProvisionedUser,
  insertSsoState,
  linkSubject,
} from './sso.repository.js';

/** A started sign-in lasts this long at the provider (then its state is refused). */
export const SSO_STATE_TTL_SECONDS = 600;

/** `why` is the library's own reason (never a token), for the log and the audit entry. */
const failure = (code: string, detail: string, why?: string) =>
  new AppError(400, code, detail, [], why ? { why } : {});

/** Only a path of the app, never another site (an open redirect). */
export const safeNext = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';

/**
 * Starts a sign-in: a fresh state, nonce and PKCE verifier kept server-side (the state only as
 * its hash), and the provider's authorization URL with the S256 code challenge.
 */
export async function startSsoSignIn(deps: AppDeps, next: string | undefined) {
  const { config } = await activeClient(deps);
  const state = randomSecret();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await insertSsoState(deps.db, {
    stateHash: sha256(state),
    codeVerifier,
    nonce,
    nextPath: safeNext(next),
    ttlSeconds: SSO_STATE_TTL_SECONDS,
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriOf(deps),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

type Callback = { state?: string; code?: string; error?: string };

/**
 * Finishes a sign-in the provider sent back: the state must be the one this browser started
 * (its cookie) and unused; openid-client exchanges the code with the verifier and checks the ID
 * token (signature, issuer, audience, expiry, nonce). The person is then found by the provider's
 * subject, or by a verified e-mail, or provisioned when the admin allows it.
 */
export async function finishSsoSignIn(
  deps: AppDeps,
  query: Callback,
  rawQuery: string,
  browserState: string | undefined,
  ip: string,
  userAgent: string | undefined,
): Promise<{ session: NewSession; nextPath: string }> {
  if (!query.state || !browserState || query.state !== browserState)
    throw failure('sso.state_invalid', 'This sign-in was not started by this browser.');
  const started = await consumeSsoState(deps.db, sha256(query.state));
  if (!started || started.expired)
    throw failure('sso.state_invalid', 'This sign-in has expired or was already used.');
  if (query.error) throw failure('sso.provider_error', 'The identity provider refused the sign-in.');

  const { settings, config } = await activeClient(deps);
  let claims: oidc.IDToken;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, new URL(`${redirectUriOf(deps)}?${rawQuery}`), {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: query.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims()!;
  } catch (error) {
    throw tokenFailure(error);
  }
  return deps.db.transaction(async (tx) => {
    const userId = await resolveUser(tx, settings, config.serverMetadata().issuer, claims);
    const user = (await findUserById(tx, userId))!;
    if (!user.active) throw failure('sso.user_inactive', 'This account is deactivated.');
    const session = await createSession(tx, user, ip, userAgent, { method: 'sso' });
    return { session, nextPath: started.nextPath };
  });
}

/** The provider could not be reached, or answered something the checks refuse. */
function tokenFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  const cause = (error as { cause?: unknown }).cause;
  const why = [code, (error as Error).message, cause instanceof Error ? cause.message : '']
    .filter(Boolean)
    .join(': ')
    .slice(0, 300);
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError)
    return failure('sso.provider_error', 'The identity provider refused the code.', why);
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
    return failure('sso.provider_error', 'The identity provider answered something unexpected.', why);
  // Claims (audience, issuer, nonce), timestamps (expiry) and the signature.
  if (code.startsWith('OAUTH_'))
    return failure('sso.token_invalid', 'The ID token is not valid for Relais.', why);
  return providerUnreachable();
}

async function resolveUser(
  tx: Queryable,
  settings: Awaited<ReturnType<typeof activeClient>>['settings'],
  issuer: string,
  claims: oidc.IDToken,
): Promise<string> {
  const known = await findUserIdBySubject(tx, issuer, claims.sub);
  if (known) return known;
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  // An e-mail the provider has not verified could be anybody's: it never opens an existing account.
  if (!email || claims.email_verified !== true)
    throw failure('sso.email_unverified', 'The provider has not verified this e-mail.');
  const existing = await findUserByEmail(tx, email);
  let userId = existing?.id;
  if (!userId) {
    if (!settings.provision) throw failure('sso.no_account', 'No Relais account has this e-mail.');
    userId = await insertProvisionedUser(tx, {
      email,
      firstName: text(claims.given_name) || text(claims.name) || email.split('@')[0],
      lastName: text(claims.family_name),
      role: settings.defaultRole,
      teamId: settings.defaultTeamId,
      locale: text(claims.locale).toLowerCase().startsWith('en') ? 'en' : 'fr',
    });
    await writeAudit(tx, {
      actorId: userId,
      action: 'user.provisioned',
      targetType: 'user',
      targetId: userId,
      details: { email, role: settings.defaultRole, teamId: settings.defaultTeamId },
    });
  }
  await linkSubject(tx, issuer, claims.sub, userId);
  return userId;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 80) : '');

/** Notes a refused SSO sign-in in the audit log (what was refused, never a token). */
export async function auditSsoFailure(db: Database, error: AppError, ip: string): Promise<void> {
  await writeAudit(db, {
    actorId: null,
    action: 'auth.sso_failed',
    ip,
    details: { reason: error.code, ...error.extra },
  });
}

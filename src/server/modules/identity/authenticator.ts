import { loadActor } from '../../db/access.js';
import type { AppDeps } from '../../platform/context.js';
import type { Authenticator } from '../../platform/http/auth.js';
import { API_TOKEN_PREFIX, sha256 } from './shared/credentials.js';

/** A session unused this long ends (idle expiry); `config.sessionMaxDays` ends it anyway. */
export const SESSION_IDLE_DAYS = 14;

/** Resolves credentials to actors, through the short cache `deps.credentials` (keyed by credential hash). */
export function createAuthenticator(deps: AppDeps): Authenticator {
  const cached = (key: string, load: Parameters<AppDeps['credentials']['get']>[1]) =>
    deps.credentials.get(key, load);

  return {
    fromSession(cookieValue: string) {
      const id = sha256(cookieValue);
      return cached(`s:${id}`, async () => {
        const rows = await deps.db.query<{ user_id: string; csrf_token: string }>(
          // Sliding idle expiry, capped by the absolute lifetime counted from sign-in.
          `update sessions set last_seen_at = now(),
                  expires_at = least(now() + make_interval(days => $2), created_at + make_interval(days => $3))
            where id = $1 and expires_at > now() and created_at > now() - make_interval(days => $3)
            returning user_id, csrf_token`,
          [id, SESSION_IDLE_DAYS, deps.config.sessionMaxDays],
        );
        if (!rows[0]) return null;
        const actor = await loadActor(deps.db, rows[0].user_id);
        return actor
          ? { actor, auth: { method: 'cookie' as const, credentialId: id, csrfToken: rows[0].csrf_token } }
          : null;
      });
    },
    fromToken(token: string) {
      if (!token.startsWith(API_TOKEN_PREFIX)) return Promise.resolve(null);
      const tokenHash = sha256(token);
      return cached(`t:${tokenHash}`, async () => {
        const rows = await deps.db.query<{ id: string; user_id: string }>(
          `update api_tokens set last_used_at = now() where token_hash = $1 and revoked_at is null returning id, user_id`,
          [tokenHash],
        );
        if (!rows[0]) return null;
        const actor = await loadActor(deps.db, rows[0].user_id);
        return actor ? { actor, auth: { method: 'token' as const, credentialId: rows[0].id } } : null;
      });
    },
  };
}

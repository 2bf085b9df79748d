import { loadActor, type Actor } from '../../db/access.js';
import type { AppDeps } from '../../platform/context.js';
import type { Authentication, Authenticator } from '../../platform/http/auth.js';
import { API_TOKEN_PREFIX, sha256 } from './credentials.js';

type Cached = { value: { actor: Actor; auth: Authentication } | null; expires: number };
// Requests in a burst share one lookup; a role change or revocation takes effect within this.
const CACHE_MS = 3_000;
const SESSION_DAYS = 14;

/** Resolves credentials to actors, with a short cache keyed by credential hash. */
export function createAuthenticator(deps: AppDeps): Authenticator & { forget(credentialHash?: string): void } {
  const cache = new Map<string, Cached>();

  async function cached(key: string, load: () => Promise<Cached['value']>) {
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await load();
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { value, expires: Date.now() + CACHE_MS });
    return value;
  }

  const authenticator = {
    fromSession(cookieValue: string) {
      const id = sha256(cookieValue);
      return cached(`s:${id}`, async () => {
        const rows = await deps.db.query<{ user_id: string; csrf_token: string }>(
          `update sessions set last_seen_at = now(), expires_at = now() + make_interval(days => $2)
            where id = $1 and expires_at > now() returning user_id, csrf_token`,
          [id, SESSION_DAYS],
        );
        if (!rows[0]) return null;
        const actor = await loadActor(deps.db, rows[0].user_id);
        return actor ? { actor, auth: { method: 'cookie' as const, credentialId: id, csrfToken: rows[0].csrf_token } } : null;
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
    forget(credentialHash?: string) {
      if (credentialHash) {
        cache.delete(`s:${credentialHash}`);
        cache.delete(`t:${credentialHash}`);
      } else cache.clear();
    },
  };
  deps.extensions.set('identity.authenticator', authenticator);
  return authenticator;
}

export const SESSION_LIFETIME_DAYS = SESSION_DAYS;

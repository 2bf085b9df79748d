import { loadActor } from '../../../db/access.js';
import type { AppDeps } from '../../../platform/context.js';
import type { Authenticator } from '../../../platform/http/auth.js';
import { API_TOKEN_PREFIX, sha256 } from '../shared/credentials.js';
import { resumeSession, useApiToken } from './auth.repository.js';

/** A session unused this long ends (idle expiry); `config.sessionMaxDays` ends it anyway. */
export const SESSION_IDLE_DAYS = 14;

/** Resolves credentials to actors, through the short cache `deps.credentials` (keyed by credential hash). */
export function createAuthenticator(deps: AppDeps): Authenticator {
  // A finished lookup is answered at once; otherwise the (shared) lookup's promise.
  const cached = (key: string, load: Parameters<AppDeps['credentials']['get']>[1]) => {
    const known = deps.credentials.peek(key);
    return known ? known.value : deps.credentials.get(key, load);
  };

  return {
    fromSession(cookieValue: string) {
      const id = sha256(cookieValue);
      return cached(`s:${id}`, async () => {
        const session = await resumeSession(deps.db, id, SESSION_IDLE_DAYS, deps.config.sessionMaxDays);
        if (!session) return null;
        const actor = await loadActor(deps.db, session.userId);
        return actor
          ? { actor, auth: { method: 'cookie' as const, credentialId: id, csrfToken: session.csrfToken } }
          : null;
      });
    },
    fromToken(token: string) {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const tokenHash = sha256(token);
      return cached(`t:${tokenHash}`, async () => {
        const used = await useApiToken(deps.db, tokenHash);
        if (!used) return null;
        const actor = await loadActor(deps.db, used.userId);
        return actor ? { actor, auth: { method: 'token' as const, credentialId: used.id } } : null;
      });
    },
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../common/roles.js';
import { runAsActor, type Actor } from '../../db/access.js';
import type { AppDeps, Ctx } from '../context.js';
import { AppError, forbidden, unauthorized } from '../errors.js';
import { collectSecretReads, writeSecretReads } from '../secret-reads.js';
import type { Authentication } from './credentials-cache.js';

export const SESSION_COOKIE = 'relais_session';
export const CSRF_COOKIE = 'relais_csrf';

export type { Authentication } from './credentials-cache.js';
/** Resolves a session cookie value or bearer token to an actor; null when invalid. */
export type Authenticator = {
  fromSession(cookieValue: string): Promise<{ actor: Actor; auth: Authentication } | null>;
  fromToken(token: string): Promise<{ actor: Actor; auth: Authentication } | null>;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authentication: Authentication | null;
    /** Runs `fn` as the signed-in user, in one transaction under row-level security. */
    run<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /** `public` routes need no sign-in; otherwise a user, optionally with one of `roles`. */
    public?: boolean;
    roles?: Role[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie-authenticated write must carry the session's CSRF token in X-CSRF-Token. */
export function checkCsrf(request: FastifyRequest) {
  const sent = request.headers['x-csrf-token'];
  if (!sent || sent !== request.authentication?.csrfToken) {
    throw new AppError(
      403,
      'csrf.invalid',
      'Missing or wrong X-CSRF-Token header (read it from the relais_csrf cookie).',
    );
  }
}

/** Installs authentication, CSRF protection and role guards for every /api route. */
export function installAuth(app: FastifyInstance, deps: AppDeps, authenticator: Authenticator) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authentication', null);
  app.decorateRequest('run', function (this: FastifyRequest, fn: (ctx: Ctx) => Promise<unknown>) {
    const actor = this.actor;
    if (!actor) throw unauthorized();
    // Secret records the answer holds are audited in the same transaction (ID-4).
    return runAsActor(deps.db, actor, (tx) =>
      collectSecretReads(
        () => fn({ actor, tx, deps, requestId: this.id, ip: this.ip, locale: actor.locale }),
        (reads) => writeSecretReads(tx, reads, { actorId: actor.userId, ip: this.ip, requestId: this.id }),
      ),
    );
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    let resolved = null;
    if (header?.startsWith('Bearer ')) {
      resolved = await authenticator.fromToken(header.slice(7).trim());
      if (!resolved) throw unauthorized('This API token is invalid or revoked.', 'auth.invalid_token');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) resolved = await authenticator.fromSession(cookie);
    }
    if (resolved) {
      request.actor = resolved.actor;
      request.authentication = resolved.auth;
    }
  });

  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    // Guards API routes by their declared URL: unknown routes and the web app's catch-all
    // answer 404/HTML to anyone; the API reference is public.
    if (!request.routeOptions.url?.startsWith('/api/v1/') || config.public || request.is404) return;
    if (!request.actor) throw unauthorized();
    if (request.authentication?.method === 'cookie' && !SAFE_METHODS.has(request.method)) checkCsrf(request);
    if (config.roles && !config.roles.includes(request.actor.role)) throw forbidden();
  });
}

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
type Resolved = { actor: Actor; auth: Authentication } | null;
/**
 * Resolves a session cookie value or bearer token to an actor; null when invalid. A value
 * already known is answered directly, without a promise (most requests).
 */
export type Authenticator = {
  fromSession(cookieValue: string): Resolved | Promise<Resolved>;
  fromToken(token: string): Resolved | Promise<Resolved>;
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

  // Callback-style hooks: a request whose credentials are cached passes without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const header = request.headers.authorization;
    let resolved: Resolved | Promise<Resolved> = null;
    const bearer = header?.startsWith('Bearer ') ?? false;
    try {
      if (bearer) resolved = authenticator.fromToken(header!.slice(7).trim());
      else {
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) resolved = authenticator.fromSession(cookie);
      }
    } catch (error) {
      return done(error as Error);
    }
    const apply = (found: Resolved) => {
      if (!found) {
        if (bearer) return done(unauthorized('This API token is invalid or revoked.', 'auth.invalid_token'));
        return done();
      }
      request.actor = found.actor;
      request.authentication = found.auth;
      done();
    };
    if (resolved instanceof Promise) resolved.then(apply, done);
    else apply(resolved);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    const config = request.routeOptions.config;
    // Guards API routes by their declared URL: unknown routes and the web app's catch-all
    // answer 404/HTML to anyone; the API reference is public.
    if (!request.routeOptions.url?.startsWith('/api/v1/') || config.public || request.is404) return done();
    if (!request.actor) return done(unauthorized());
    if (request.authentication?.method === 'cookie' && !SAFE_METHODS.has(request.method)) {
      try {
        checkCsrf(request);
      } catch (error) {
        return done(error as Error);
      }
    }
    if (config.roles && !config.roles.includes(request.actor.role)) return done(forbidden());
    done();
  });
}

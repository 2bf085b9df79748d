import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { answerWithSession } from '../auth/session-cookies.js';
import { manageSso } from './sso.policy.js';
import {
  ssoCallbackQuerySchema,
  ssoPublicSchema,
  ssoSettingsChangeSchema,
  ssoSettingsSchema,
  ssoStartQuerySchema,
} from './sso.schemas.js';
import { changeSsoSettings, checkIssuer, getSsoSettings, publicSsoState } from './sso.service.js';
import { auditSsoFailure, finishSsoSignIn, SSO_STATE_TTL_SECONDS, startSsoSignIn } from './sso.signin.js';

const tags = ['identity'];
/** Binds a started sign-in to the browser that started it (login CSRF), for the callback only. */
const STATE_COOKIE = 'relais_sso_state';
const CALLBACK_COOKIE_PATH = '/api/v1/auth/sso';
/**
 * Per address: a whole office behind one NAT signs in at nine; nothing here is worth guessing
 * (no password; a state is random and single-use), so the bound is only against floods.
 */
const SSO_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

const secureOf = (deps: AppDeps, request: FastifyRequest) =>
  request.protocol === 'https' || deps.config.publicUrl.startsWith('https://');

/** Back to the sign-in page with the reason, which the page shows in the reader's language. */
const toLoginPage = (reply: FastifyReply, code: string) =>
  reply.redirect(`/login?sso_error=${encodeURIComponent(code)}`, 303);

/** Single sign-on with OpenID Connect (ID-2), registered under `/api/v1/auth/sso`. */
export const ssoRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Whether single sign-on is offered on the sign-in page, and its button label',
      response: { 200: ssoPublicSchema },
    },
    handler: async () => publicSsoState(deps),
  });

  app.get('/start', {
    config: { public: true, rateLimit: SSO_RATE_LIMIT },
    schema: {
      tags,
      summary: 'Start signing in at the identity provider (redirects there, PKCE S256)',
      querystring: ssoStartQuerySchema,
    },
    handler: async (request, reply) => {
      try {
        const started = await startSsoSignIn(deps, request.query.next);
        reply.setCookie(STATE_COOKIE, started.state, {
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level GET, which carries it.
          sameSite: 'lax',
          secure: secureOf(deps, request),
          path: CALLBACK_COOKIE_PATH,
          maxAge: SSO_STATE_TTL_SECONDS,
        });
        return reply.redirect(started.url, 302);
      } catch (error) {
        if (error instanceof AppError) return toLoginPage(reply, error.code);
        throw error;
      }
    },
  });

  app.get('/callback', {
    config: { public: true, rateLimit: SSO_RATE_LIMIT },
    schema: {
      tags,
      summary: 'Where the identity provider sends the person back (opens a session, then redirects)',
      querystring: ssoCallbackQuerySchema,
    },
    handler: async (request, reply) => {
      const browserState = request.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: CALLBACK_COOKIE_PATH });
      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      try {
        const { session, nextPath } = await finishSsoSignIn(
          deps,
          request.query,
          rawQuery,
          browserState,
          request.ip,
          request.headers['user-agent'],
        );
        answerWithSession(deps, request, reply, session);
        return reply.redirect(nextPath, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        request.log.warn({ code: error.code, ...error.extra }, 'single sign-on refused');
        await auditSsoFailure(deps.db, error, request.ip);
        return toLoginPage(reply, error.code);
      }
    },
  });
};

/** The settings, for admins, registered under `/api/v1/admin/sso`. */
export const adminSsoRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    config: manageSso,
    schema: {
      tags,
      summary: 'The single sign-on settings (the client secret is never answered)',
      response: { 200: ssoSettingsSchema },
    },
    handler: async (request) => request.run((ctx) => getSsoSettings(ctx)),
  });
  app.put('', {
    config: manageSso,
    schema: {
      tags,
      summary: 'Change the single sign-on settings (the issuer is checked by reading its discovery document)',
      body: ssoSettingsChangeSchema,
      response: { 200: ssoSettingsSchema },
    },
    handler: async (request) => {
      // Roles were checked before this handler: only an admin makes Relais call an issuer.
      await checkIssuer(deps, request.body);
      return request.run((ctx) => changeSsoSettings(ctx, request.body));
    },
  });
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RelaisApp } from '../../platform/http/relais-app.js';
import type { AppDeps } from '../../platform/context.js';
import { CSRF_COOKIE, SESSION_COOKIE, checkCsrf } from '../../platform/http/auth.js';
import { acceptInvite, findInvitedUser, signIn, signOut, type NewSession } from './auth.service.js';
import { loginBodySchema, sessionAnswerSchema } from './auth/auth.schemas.js';
import { passwordSchema } from './shared/schemas.js';
import { setupOrganisation, needsSetup, setupBodySchema } from './setup.service.js';
import { toMe } from './users/users.repository.js';

/**
 * Sets the session cookie (httpOnly) and the CSRF cookie (readable by the web app). `Secure`
 * whenever Relais is published over https (PUBLIC_URL), not only when a trusted proxy says so.
 */
function answerWithSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, session: NewSession) {
  const secure = request.protocol === 'https' || deps.config.publicUrl.startsWith('https://');
  const maxAge = deps.config.sessionMaxDays * 86_400;
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge,
  });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, {
    httpOnly: false,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge,
  });
  return { user: toMe(session.user), csrfToken: session.csrfToken };
}

export async function registerAuthRoutes(app: RelaisApp, deps: AppDeps) {
  app.post('/api/v1/auth/login', {
    config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['identity'],
      summary: 'Sign in with e-mail and password',
      body: loginBodySchema,
      response: { 200: sessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const session = await signIn(deps.db, request.body.email, request.body.password, request.ip);
      return answerWithSession(deps, request, reply, session);
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Sign out (closes the session; X-CSRF-Token required with the session cookie)',
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      if (request.authentication?.method === 'cookie') {
        // Public (an expired session may still clear its cookies) but not forgeable by another site.
        checkCsrf(request);
        await signOut(deps.db, request.authentication.credentialId);
        deps.credentials.forget(request.authentication.credentialId);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/setup', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Whether the first administrator must still be created',
      response: { 200: z.object({ needsSetup: z.boolean() }) },
    },
    handler: async () => ({ needsSetup: await needsSetup(deps.db) }),
  });

  app.post('/api/v1/setup', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['identity'],
      summary: 'Create the organisation and its first administrator',
      body: setupBodySchema,
      response: { 201: sessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const session = await setupOrganisation(deps.db, request.body, request.ip);
      return reply.status(201).send(answerWithSession(deps, request, reply, session));
    },
  });

  // Any length is accepted so a mangled link answers 404 invite.not_found, not a validation error.
  const inviteParams = z.object({ token: z.string().max(200) });
  app.get('/api/v1/invites/:token', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Read an invitation',
      params: inviteParams,
      response: { 200: z.object({ email: z.string(), firstName: z.string(), lastName: z.string() }) },
    },
    handler: async (request) => {
      const user = await findInvitedUser(deps.db, request.params.token);
      return { email: user.email, firstName: user.firstName, lastName: user.lastName };
    },
  });

  app.post('/api/v1/invites/:token', {
    config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['identity'],
      summary: 'Accept an invitation by choosing a password',
      params: inviteParams,
      body: z.object({ password: passwordSchema }),
      response: { 200: sessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const session = await acceptInvite(deps.db, request.params.token, request.body.password, request.ip);
      return answerWithSession(deps, request, reply, session);
    },
  });
}

import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import { CSRF_COOKIE, SESSION_COOKIE, checkCsrf } from '../../../platform/http/auth.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import {
  acceptInviteSchema,
  inviteParamsSchema,
  inviteSchema,
  loginBodySchema,
  sessionAnswerSchema,
} from './auth.schemas.js';
import { acceptInvite, findInvitedUser, signIn, signOut } from './auth.service.js';
import { answerWithSession } from './session-cookies.js';

/** Sign-in and sign-out, registered under `/api/v1/auth`. */
export const authRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post('/login', {
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

  app.post('/logout', {
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
};

/** Invitations, registered under `/api/v1/invites`. */
export const invitesRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/:token', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Read an invitation',
      params: inviteParamsSchema,
      response: { 200: inviteSchema },
    },
    handler: async (request) => {
      const user = await findInvitedUser(deps.db, request.params.token);
      return { email: user.email, firstName: user.firstName, lastName: user.lastName };
    },
  });

  app.post('/:token', {
    config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['identity'],
      summary: 'Accept an invitation by choosing a password',
      params: inviteParamsSchema,
      body: acceptInviteSchema,
      response: { 200: sessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const session = await acceptInvite(deps.db, request.params.token, request.body.password, request.ip);
      return answerWithSession(deps, request, reply, session);
    },
  });
};

import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { changePassword } from '../auth/auth.service.js';
import { meSchema } from '../users/users.schemas.js';
import { passwordChangeSchema, profileChangesSchema } from './me.schemas.js';
import { readMe, updateMe } from './me.service.js';

/** The signed-in user's profile and password, registered under `/api/v1/me`. */
export const meRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  // A changed name, language or password must show in the next request, not when the cache expires.
  const forgetCredentials = () => deps.credentials.forget();

  app.get('', {
    schema: { tags: ['identity'], summary: 'The signed-in user', response: { 200: meSchema } },
    // Every page asks who is signed in: answered from the credentials cache when it is fresh,
    // kept as the JSON the response schema lets out (checked once, not on every request).
    handler: async (request, reply) => {
      const json = await deps.credentials.ownRecord(request.actor!.userId, async () =>
        JSON.stringify(z.encode(meSchema, await request.run((ctx) => readMe(ctx)))),
      );
      // A string payload skips the response serializer, hence the reply without the schema's type.
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
    },
  });

  app.patch('', {
    schema: {
      tags: ['identity'],
      summary: 'Update my name or language',
      body: profileChangesSchema,
      response: { 200: meSchema },
    },
    handler: async (request) => {
      const me = await request.run((ctx) => updateMe(ctx, request.body));
      forgetCredentials();
      return me;
    },
  });

  app.post('/password', {
    schema: {
      tags: ['identity'],
      summary:
        'Change my password (closes my other sessions and, unless revokeTokens is false, revokes my API tokens)',
      body: passwordChangeSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const sessionHash =
        request.authentication?.method === 'cookie' ? request.authentication.credentialId : null;
      await changePassword(
        deps.db,
        request.actor!.userId,
        sessionHash,
        request.body.currentPassword,
        request.body.newPassword,
        request.ip,
        { revokeTokens: request.body.revokeTokens },
      );
      forgetCredentials();
      return reply.status(204).send(null);
    },
  });
};

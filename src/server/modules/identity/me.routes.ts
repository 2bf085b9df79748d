import { z } from 'zod';
import { LOCALES } from '../../../common/roles.js';
import type { RelaisApp } from '../../platform/http/relais-app.js';
import type { AppDeps } from '../../platform/context.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import { decodeCursor, pageSchema, pagingSchema, toPage } from '../../platform/list-query.js';
import { changePassword } from './auth.service.js';
import { API_TOKEN_PREFIX, randomSecret, sha256 } from './credentials.js';
import { idParamsSchema, meSchema, passwordSchema, tokenSchema } from './schemas.js';
import { insertToken, listOwnTokens, revokeOwnToken } from './tokens.repository.js';
import { findUserById, toMe, updateOwnProfile } from './users.repository.js';

export async function registerMeRoutes(app: RelaisApp, deps: AppDeps) {
  const forgetCredentials = () => deps.credentials.forget();

  app.get('/api/v1/me', {
    schema: { tags: ['identity'], summary: 'The signed-in user', response: { 200: meSchema } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const user = await findUserById(ctx.tx, ctx.actor.userId);
        if (!user) throw unauthorized();
        return toMe(user);
      }),
  });

  app.patch('/api/v1/me', {
    schema: {
      tags: ['identity'],
      summary: 'Update my name or language',
      body: z.strictObject({
        firstName: z.string().trim().min(1).max(80).optional(),
        lastName: z.string().trim().min(1).max(80).optional(),
        locale: z.enum(LOCALES).optional(),
      }),
      response: { 200: meSchema },
    },
    handler: async (request) => {
      const me = await request.run(async (ctx) => {
        const { firstName, lastName, locale } = request.body;
        await updateOwnProfile(ctx.tx, ctx.actor.userId, { firstName, lastName, locale });
        return toMe((await findUserById(ctx.tx, ctx.actor.userId))!);
      });
      forgetCredentials();
      return me;
    },
  });

  app.post('/api/v1/me/password', {
    schema: {
      tags: ['identity'],
      summary:
        'Change my password (closes my other sessions and, unless revokeTokens is false, revokes my API tokens)',
      body: z.object({
        currentPassword: z.string().min(1).max(200),
        newPassword: passwordSchema,
        revokeTokens: z.boolean().default(true),
      }),
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

  app.get('/api/v1/me/tokens', {
    schema: {
      tags: ['identity'],
      summary: 'My personal API tokens, newest first',
      querystring: pagingSchema({ defaultLimit: 100 }),
      response: { 200: pageSchema(tokenSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const offset = decodeCursor(request.query.cursor);
        const { items, total } = await listOwnTokens(
          ctx.tx,
          ctx.actor.userId,
          request.query.limit + 1,
          offset,
        );
        return toPage(items, request.query, offset, total);
      }),
  });

  app.post('/api/v1/me/tokens', {
    schema: {
      tags: ['identity'],
      summary: 'Create a personal API token (shown once)',
      body: z.object({ name: z.string().trim().min(1).max(80) }),
      response: { 201: tokenSchema.extend({ token: z.string() }) },
    },
    handler: async (request, reply) => {
      const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
      const created = await request.run((ctx) =>
        insertToken(ctx.tx, {
          userId: ctx.actor.userId,
          name: request.body.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, 8),
        }),
      );
      return reply.status(201).send({ ...created, token });
    },
  });

  app.delete('/api/v1/me/tokens/:id', {
    schema: {
      tags: ['identity'],
      summary: 'Revoke one of my API tokens',
      params: idParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const revoked = await request.run((ctx) => revokeOwnToken(ctx.tx, request.params.id, ctx.actor.userId));
      if (!revoked) throw notFound('token');
      forgetCredentials();
      return reply.status(204).send(null);
    },
  });
}

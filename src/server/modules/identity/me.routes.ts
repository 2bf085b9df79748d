import { z } from 'zod';
import { LOCALES } from '../../../common/roles.js';
import type { RelaisApp } from '../../app.js';
import type { AppDeps } from '../../platform/context.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import { changePassword } from './auth.service.js';
import { API_TOKEN_PREFIX, randomSecret, sha256 } from './credentials.js';
import { idParamsSchema, meSchema, passwordSchema, tokenSchema } from './schemas.js';
import { findUserById, toMe } from './users.repository.js';

const toToken = (row: any) => ({ id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at });

export async function registerMeRoutes(app: RelaisApp, deps: AppDeps) {
  const forgetCredentials = () => (deps.extensions.get('identity.authenticator') as any)?.forget();

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
      body: z.strictObject({ firstName: z.string().trim().min(1).max(80).optional(), lastName: z.string().trim().min(1).max(80).optional(), locale: z.enum(LOCALES).optional() }),
      response: { 200: meSchema },
    },
    handler: async (request) => {
      const me = await request.run(async (ctx) => {
        const { firstName, lastName, locale } = request.body;
        await ctx.tx.query(
          `update users set first_name = coalesce($2, first_name), last_name = coalesce($3, last_name),
                  locale = coalesce($4, locale), updated_at = now() where id = $1`,
          [ctx.actor.userId, firstName ?? null, lastName ?? null, locale ?? null],
        );
        return toMe((await findUserById(ctx.tx, ctx.actor.userId))!);
      });
      forgetCredentials();
      return me;
    },
  });

  app.post('/api/v1/me/password', {
    schema: { tags: ['identity'], summary: 'Change my password (closes my other sessions)', body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }), response: { 204: z.null() } },
    handler: async (request, reply) => {
      const sessionHash = request.authentication?.method === 'cookie' ? request.authentication.credentialId : null;
      await changePassword(deps.db, request.actor!.userId, sessionHash, request.body.currentPassword, request.body.newPassword, request.ip);
      forgetCredentials();
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/me/tokens', {
    schema: { tags: ['identity'], summary: 'My personal API tokens', response: { 200: z.object({ items: z.array(tokenSchema) }) } },
    handler: async (request) =>
      request.run(async (ctx) => ({
        items: (await ctx.tx.query(`select * from api_tokens where user_id = $1 and revoked_at is null order by created_at desc`, [ctx.actor.userId])).map(toToken),
      })),
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
      const created = await request.run(async (ctx) => {
        const [row] = await ctx.tx.query(
          `insert into api_tokens (user_id, name, token_hash, prefix) values ($1, $2, $3, $4) returning *`,
          [ctx.actor.userId, request.body.name, sha256(token), token.slice(0, 8)],
        );
        return row;
      });
      return reply.status(201).send({ ...toToken(created), token });
    },
  });

  app.delete('/api/v1/me/tokens/:id', {
    schema: { tags: ['identity'], summary: 'Revoke one of my API tokens', params: idParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const revoked = await request.run((ctx) =>
        ctx.tx.query(`update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning token_hash`, [request.params.id, ctx.actor.userId]),
      );
      if (revoked.length === 0) throw notFound('token');
      forgetCredentials();
      return reply.status(204).send(null);
    },
  });
}

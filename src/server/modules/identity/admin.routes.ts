import { z } from 'zod';
import { ROLES } from '../../../common/roles.js';
import type { RelaisApp } from '../../platform/http/relais-app.js';
import type { AppDeps } from '../../platform/context.js';
import { listQuerySchema, pageSchema } from '../../platform/list-query.js';
import { emailSchema, idParamsSchema, userSchema } from './schemas.js';
import { inviteUser, listUsers, updateUser } from './users.service.js';
import { deleteUserSessions } from './users.repository.js';

const adminOnly = { roles: ['admin' as const] };
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export async function registerAdminUserRoutes(app: RelaisApp, deps: AppDeps) {
  app.get('/api/v1/admin/users', {
    config: adminOnly,
    schema: {
      tags: ['admin'],
      summary: 'List users (filter by text, role, team, active)',
      querystring: listQuerySchema.extend({
        q: z.string().max(100).optional(),
        role: z.enum(ROLES).optional(),
        teamId: z.string().uuid().optional(),
        active: booleanQuery.optional(),
      }),
      response: { 200: pageSchema(userSchema) },
    },
    handler: async (request) => request.run((ctx) => listUsers(ctx, request.query)),
  });

  app.post('/api/v1/admin/users', {
    config: adminOnly,
    schema: {
      tags: ['admin'],
      summary: 'Invite a user (answers the single-use invitation link)',
      body: z.object({
        email: emailSchema,
        firstName: z.string().trim().min(1).max(80),
        lastName: z.string().trim().min(1).max(80),
        role: z.enum(ROLES),
        teamId: z.string().uuid().nullable().default(null),
      }),
      response: { 201: z.object({ user: userSchema, inviteUrl: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => inviteUser(ctx, request.body))),
  });

  app.patch('/api/v1/admin/users/:id', {
    config: adminOnly,
    schema: {
      tags: ['admin'],
      summary: 'Change a user: role, team, active, name',
      params: idParamsSchema,
      body: z.strictObject({
        role: z.enum(ROLES).optional(),
        teamId: z.string().uuid().nullable().optional(),
        active: z.boolean().optional(),
        firstName: z.string().trim().min(1).max(80).optional(),
        lastName: z.string().trim().min(1).max(80).optional(),
      }),
      response: { 200: userSchema },
    },
    handler: async (request) => {
      const user = await request.run((ctx) => updateUser(ctx, request.params.id, request.body));
      if (request.body.active === false) await deleteUserSessions(deps.db, user.id);
      deps.credentials.forget();
      return user;
    },
  });
}

import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { idParamsSchema } from '../shared/schemas.js';
import { manageUsers } from './users.policy.js';
import { userChangesSchema, userInviteSchema, userListQuerySchema, userSchema } from './users.schemas.js';
import { afterUserChange, inviteUser, listUsers, updateUser } from './users.service.js';

/** User administration, registered under `/api/v1/admin/users`. */
export const adminUsersRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    config: manageUsers,
    schema: {
      tags: ['admin'],
      summary: 'List users (filter by text, role, team, active)',
      querystring: userListQuerySchema,
      response: { 200: pageSchema(userSchema) },
    },
    handler: async (request) => request.run((ctx) => listUsers(ctx, request.query)),
  });

  app.post('', {
    config: manageUsers,
    schema: {
      tags: ['admin'],
      summary: 'Invite a user (answers the single-use invitation link)',
      body: userInviteSchema,
      response: { 201: z.object({ user: userSchema, inviteUrl: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => inviteUser(ctx, request.body))),
  });

  app.patch('/:id', {
    config: manageUsers,
    schema: {
      tags: ['admin'],
      summary: 'Change a user: role, team, active, name',
      params: idParamsSchema,
      body: userChangesSchema,
      response: { 200: userSchema },
    },
    handler: async (request) => {
      const user = await request.run((ctx) => updateUser(ctx, request.params.id, request.body));
      await afterUserChange(deps, user, request.body);
      return user;
    },
  });
};

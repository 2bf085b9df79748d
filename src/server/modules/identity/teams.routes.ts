import { z } from 'zod';
import { TEAM_KINDS } from '../../../common/roles.js';
import type { RelaisApp } from '../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../platform/list-query.js';
import { idParamsSchema, teamSchema } from './schemas.js';
import { createTeam, deleteTeam, listTeams, updateTeam } from './teams.service.js';

const adminOnly = { roles: ['admin' as const] };
const teamBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(TEAM_KINDS),
  parentId: z.string().uuid().nullable().default(null),
  managerId: z.string().uuid().nullable().optional(),
});
// No defaults on a change: an absent field stays as it is.
const teamChanges = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  kind: z.enum(TEAM_KINDS).optional(),
  parentId: z.string().uuid().nullable().optional(),
  managerId: z.string().uuid().nullable().optional(),
});

export async function registerTeamRoutes(app: RelaisApp) {
  app.get('/api/v1/teams', {
    schema: {
      tags: ['identity'],
      summary: 'The team hierarchy (nation → region → team), nations first',
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(teamSchema) },
    },
    handler: async (request) => request.run(async (ctx) => pageArray(await listTeams(ctx.tx), request.query)),
  });
  app.post('/api/v1/admin/teams', {
    config: adminOnly,
    schema: { tags: ['admin'], summary: 'Create a team', body: teamBody, response: { 201: teamSchema } },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createTeam(ctx, request.body))),
  });
  app.patch('/api/v1/admin/teams/:id', {
    config: adminOnly,
    schema: {
      tags: ['admin'],
      summary: 'Change a team',
      params: idParamsSchema,
      body: teamChanges,
      response: { 200: teamSchema },
    },
    handler: async (request) => request.run((ctx) => updateTeam(ctx, request.params.id, request.body)),
  });
  app.delete('/api/v1/admin/teams/:id', {
    config: adminOnly,
    schema: {
      tags: ['admin'],
      summary: 'Delete an empty team',
      params: idParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteTeam(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
}

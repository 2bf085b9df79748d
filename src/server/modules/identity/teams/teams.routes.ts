import { z } from 'zod';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { idParamsSchema } from '../shared/schemas.js';
import { manageTeams } from './teams.policy.js';
import { teamChangesSchema, teamCreateSchema, teamSchema } from './teams.schemas.js';
import { createTeam, deleteTeam, listTeams, updateTeam } from './teams.service.js';

/** The hierarchy everyone reads, registered under `/api/v1/teams`. */
export const teamsRoutes: RelaisPlugin = async (app) => {
  app.get('', {
    schema: {
      tags: ['identity'],
      summary: 'The team hierarchy (nation → region → team), nations first',
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(teamSchema) },
    },
    handler: async (request) => request.run(async (ctx) => pageArray(await listTeams(ctx), request.query)),
  });
};

/** Team administration, registered under `/api/v1/admin/teams`. */
export const adminTeamsRoutes: RelaisPlugin = async (app) => {
  app.post('', {
    config: manageTeams,
    schema: {
      tags: ['admin'],
      summary: 'Create a team',
      body: teamCreateSchema,
      response: { 201: teamSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createTeam(ctx, request.body))),
  });
  app.patch('/:id', {
    config: manageTeams,
    schema: {
      tags: ['admin'],
      summary: 'Change a team',
      params: idParamsSchema,
      body: teamChangesSchema,
      response: { 200: teamSchema },
    },
    handler: async (request) => request.run((ctx) => updateTeam(ctx, request.params.id, request.body)),
  });
  app.delete('/:id', {
    config: manageTeams,
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
};

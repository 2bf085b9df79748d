import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { PLAN_MANAGER_ROLES } from './plans.policy.js';
import {
  actionIdParamsSchema,
  actionInputSchema,
  actionPatchSchema,
  actionSchema,
  planIdParamsSchema,
  planInputSchema,
  planPatchSchema,
  planSchema,
  planWithActionsSchema,
} from './plans.schemas.js';
import {
  changeAction,
  changePlan,
  createAction,
  createPlan,
  getPlan,
  listPlans,
  removeAction,
  removePlan,
} from './plans.service.js';

const TAG = 'push';
const MANAGERS = { roles: PLAN_MANAGER_ROLES };

/** Change-communication plans (PUSH-7): a change, its table of actions/means, who is in charge, progress. */
/** Change plans (MGT-5), registered under `/change-plans`. */
export async function planRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: [TAG],
      summary: 'Change plans with their progress',
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(planSchema) },
    },
    handler: async (request) => request.run(async (ctx) => pageArray(await listPlans(ctx), request.query)),
  });

  app.get('/:id', {
    schema: {
      tags: [TAG],
      summary: 'A change plan with its actions',
      params: planIdParamsSchema,
      response: { 200: planWithActionsSchema },
    },
    handler: async (request) => request.run((ctx) => getPlan(ctx, request.params.id)),
  });

  app.post('', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Create a change plan (optionally with its actions)',
      body: planInputSchema,
      response: { 201: planWithActionsSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createPlan(ctx, request.body))),
  });

  app.patch('/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Change a plan',
      params: planIdParamsSchema,
      body: planPatchSchema,
      response: { 200: planSchema },
    },
    handler: async (request) => request.run((ctx) => changePlan(ctx, request.params.id, request.body)),
  });

  app.delete('/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Delete a plan and its actions',
      params: planIdParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => removePlan(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });

  app.post('/:id/actions', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Add an action to a plan',
      params: planIdParamsSchema,
      body: actionInputSchema,
      response: { 201: actionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createAction(ctx, request.params.id, request.body))),
  });

  app.patch('/:id/actions/:actionId', {
    schema: {
      tags: [TAG],
      summary: 'Update an action (its owner may change its status)',
      params: actionIdParamsSchema,
      body: actionPatchSchema,
      response: { 200: actionSchema },
    },
    handler: async (request) =>
      request.run((ctx) => changeAction(ctx, request.params.id, request.params.actionId, request.body)),
  });

  app.delete('/:id/actions/:actionId', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Remove an action',
      params: actionIdParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => removeAction(ctx, request.params.id, request.params.actionId));
      return reply.status(204).send(null);
    },
  });
}

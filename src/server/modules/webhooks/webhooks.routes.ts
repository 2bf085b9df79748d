import { z } from 'zod';
import type { RelaisPlugin } from '../../platform/http/relais-app.js';
import { pageArray, pageSchema } from '../../platform/list-query.js';
import { WEBHOOK_EVENT_TYPES } from './catalogue.js';
import {
  deliveryListQuerySchema,
  deliveryParamsSchema,
  deliverySchema,
} from './deliveries/deliveries.schemas.js';
import { findDeliveries, ping, redeliver } from './deliveries/deliveries.service.js';
import {
  createdEndpointSchema,
  endpointCreateSchema,
  endpointListQuerySchema,
  endpointParamsSchema,
  endpointPatchSchema,
  endpointSchema,
  eventTypeSchema,
  eventTypesQuerySchema,
} from './endpoints/endpoints.schemas.js';
import {
  changeEndpoint,
  createEndpoint,
  findEndpoints,
  getEndpoint,
  removeEndpoint,
} from './endpoints/endpoints.service.js';
import { assertCanManageWebhooks } from './webhooks.policy.js';

const tags = ['webhooks'];

/** Outgoing webhooks (API-2), registered under `/api/v1/webhooks`, for admins: HTTP only. */
export const webhooksRoutes: RelaisPlugin = async (app) => {
  app.get('/event-types', {
    schema: {
      tags,
      summary: 'The events an endpoint may subscribe to',
      querystring: eventTypesQuerySchema,
      response: { 200: pageSchema(eventTypeSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        assertCanManageWebhooks(ctx.actor);
        return pageArray([...WEBHOOK_EVENT_TYPES], request.query);
      }),
  });
  app.get('', {
    schema: {
      tags,
      summary: 'The webhook endpoints',
      querystring: endpointListQuerySchema,
      response: { 200: pageSchema(endpointSchema) },
    },
    handler: async (request) => request.run((ctx) => findEndpoints(ctx, request.query)),
  });
  app.post('', {
    schema: {
      tags,
      summary: 'Register an endpoint; its signing secret is in this answer only',
      body: endpointCreateSchema,
      response: { 201: createdEndpointSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createEndpoint(ctx, request.body))),
  });
  app.get('/:id', {
    schema: {
      tags,
      summary: 'One endpoint',
      params: endpointParamsSchema,
      response: { 200: endpointSchema },
    },
    handler: async (request) => request.run((ctx) => getEndpoint(ctx, request.params.id)),
  });
  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change an endpoint, disable it, or enable it again',
      params: endpointParamsSchema,
      body: endpointPatchSchema,
      response: { 200: endpointSchema },
    },
    handler: async (request) => request.run((ctx) => changeEndpoint(ctx, request.params.id, request.body)),
  });
  app.delete('/:id', {
    schema: {
      tags,
      summary: 'Remove an endpoint and its log',
      params: endpointParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => removeEndpoint(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  app.get('/:id/deliveries', {
    schema: {
      tags,
      summary: 'The delivery log of an endpoint, newest first',
      params: endpointParamsSchema,
      querystring: deliveryListQuerySchema,
      response: { 200: pageSchema(deliverySchema) },
    },
    handler: async (request) => request.run((ctx) => findDeliveries(ctx, request.params.id, request.query)),
  });
  app.post('/:id/deliveries/:deliveryId/redeliver', {
    schema: {
      tags,
      summary: 'Send a logged delivery again',
      params: deliveryParamsSchema,
      response: { 202: deliverySchema },
    },
    handler: async (request, reply) =>
      reply
        .status(202)
        .send(await request.run((ctx) => redeliver(ctx, request.params.id, request.params.deliveryId))),
  });
  app.post('/:id/ping', {
    schema: {
      tags,
      summary: 'Send a test event to the endpoint',
      params: endpointParamsSchema,
      response: { 202: deliverySchema },
    },
    handler: async (request, reply) =>
      reply.status(202).send(await request.run((ctx) => ping(ctx, request.params.id))),
  });
};
